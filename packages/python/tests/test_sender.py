"""The sender against a real `npm run dev`: a DRF serializer creates and updates a model, a recipient reads the feed and the socket."""

import socket
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from edge_notify import EdgeNotifyClient, EdgeNotifyError, NotificationService, set_notifications_enabled, sync_user
from testapp.models import Article
from testapp.serializers import ArticleSerializer
from wsclient import WebSocket

User = get_user_model()
COUNT_KEYS = ("total_notifications", "read_notifications", "unread_notifications", "unseen_notifications")


def counts(total, read=0):
    # Nothing is marked seen here except by reading (which implies seen): unseen equals unread.
    return {
        "total_notifications": total,
        "read_notifications": read,
        "unread_notifications": total - read,
        "unseen_notifications": total - read,
    }


@pytest.fixture(scope="module")
def people(edge):
    author = User.objects.create_user("carol", email="carol@example.com", first_name="Carol", last_name="Writer")
    alice = User.objects.create_user("alice", email="alice@example.com", first_name="Alice", last_name="Reader")
    bob = User.objects.create_user("bob", email="bob@example.com", first_name="Bob", last_name="Reader")
    for user in (author, alice, bob):
        sync_user(user)
    return author, alice, bob


def test_serializer_create_and_update_reach_the_feed_and_the_socket(edge, people):
    author, alice, bob = people
    ws = WebSocket(edge.base.replace("http", "ws") + "/ws/me/notifications", {"Authorization": "Bearer " + edge.token(alice.pk)})
    try:
        assert ws.recv() == counts(0)
        created = ArticleSerializer(data={"title": "Hello", "body": "First", "meta": {"tags": ["a"], "lang": "en"}, "author": author.pk}, context={"author": author})
        assert created.is_valid(), created.errors
        article = created.save()
        assert ws.recv() == counts(1)

        updated = ArticleSerializer(article, data={"title": "Hello again", "meta": {"tags": ["a", "b"], "lang": "en"}}, partial=True, context={"author": author})
        assert updated.is_valid(), updated.errors
        updated.save()
        assert ws.recv() == counts(2)
        ws.send_text("counts?")  # any text asks for the counts again, as on the original
        assert ws.recv() == counts(2)
    finally:
        ws.close()

    feed = edge.get("/api/v1/me/notifications", alice.pk)
    assert {k: feed[k] for k in COUNT_KEYS} == counts(2)
    patch, post = feed["notifications"]
    assert post["notification"] == {
        "message": "New article: Hello",
        "model": "Article",
        "instance": {"id": article.pk, "title": "Hello", "body": "First", "meta": {"tags": ["a"], "lang": "en"}, "author": author.pk, "published_at": None},
        "method": "POST",
        "changed_data": {},
    }
    assert patch["notification"]["method"] == "PATCH"
    assert patch["notification"]["instance"]["title"] == "Hello again"
    assert patch["notification"]["changed_data"] == {
        "title": {"original": "Hello", "new": "Hello again"},
        "meta": {"tags": {"original": ["a"], "new": ["a", "b"]}},
    }
    assert patch["user"] == {"id": alice.pk, "first_name": "Alice", "last_name": "Reader", "email": "alice@example.com"}
    assert patch["created_by"] == {"id": author.pk, "first_name": "Carol", "last_name": "Writer", "email": "carol@example.com"}
    assert [item["is_read"] for item in feed["notifications"]] == [False, False]

    # The backend reads the same feed with the service key; the author got nothing.
    assert NotificationService(requested_user=alice).get_requested_user_notifications() == feed
    assert NotificationService(requested_user=alice).get_requested_user_notifications(page_size=1)["next_page"] == 2
    assert NotificationService(requested_user=author).get_requested_user_notifications()["total_notifications"] == 0
    by_model = NotificationService().get_model_notifications(Article)
    assert len(by_model["notifications"]) == 4  # two recipients, two notifications each
    assert NotificationService().get_model_notifications("article") == by_model  # the original's .title()


def test_user_list_as_a_queryset_a_list_a_single_user_or_ids(edge, people):
    author, alice, bob = people
    article = Article.objects.create(title="Lists", author=author)
    before = edge.get("/api/v1/me/notifications", bob.pk)["total_notifications"]
    for user_list in (User.objects.filter(pk=bob.pk), [bob], bob, [bob.pk]):
        result = NotificationService(author, "Hi", article, "post", user_list).create_notification()
        assert result["success"] == "Notification created successfully" and result["created"] == 1
    item = edge.get("/api/v1/me/notifications", bob.pk)["notifications"][0]
    assert edge.get("/api/v1/me/notifications", bob.pk)["total_notifications"] == before + 4
    # Without a serializer: Django's serializer, as the original (minus any password field).
    assert item["notification"]["instance"]["model"] == "testapp.article"
    assert item["notification"]["instance"]["fields"]["title"] == "Lists"


def test_changed_data_of_datetimes_and_foreign_keys_is_json(edge, people):
    author, alice, bob = people
    article = Article.objects.create(title="Dates", author=author)
    article.published_at = timezone.now()
    article.author = alice
    NotificationService(author, "Moved", article, "PUT", [bob]).create_notification()
    changed = edge.get("/api/v1/me/notifications", bob.pk)["notifications"][0]["notification"]["changed_data"]
    assert changed["published_at"]["original"] is None and changed["published_at"]["new"].startswith("20")
    assert changed["author"]["original"]["username"] == "carol" and changed["author"]["new"]["username"] == "alice"
    assert "password" not in changed["author"]["new"]


def test_errors_are_raised_with_the_servers_field_errors(edge, people):
    author, alice, bob = people
    article = Article.objects.create(title="Errors", author=author)
    with pytest.raises(ValueError, match="Missing required arguments"):
        NotificationService(author, "", article, "POST", [bob]).create_notification()
    with pytest.raises(ValueError, match="Missing required arguments"):
        NotificationService(author, "Hi", article, "POST", User.objects.none()).create_notification()
    with pytest.raises(EdgeNotifyError) as refused:
        NotificationService(author, "Hi", article, "FOO", [bob]).create_notification()
    assert refused.value.status == 400 and refused.value.errors == {"method": ['"FOO" is not a valid choice.']}
    with pytest.raises(ValueError, match="not found in the database"):
        NotificationService(author, "Hi", Article(title="unsaved", author=author), "PATCH", [bob]).create_notification()


def test_a_retry_after_a_lost_answer_does_not_write_twice(edge, people):
    author, alice, bob = people
    article = Article.objects.create(title="Retry", author=author)
    calls = []

    def lose_first_answer(request, timeout):
        calls.append(request.get_header("Idempotency-key"))
        response = urllib.request.urlopen(request, timeout=timeout)
        if len(calls) == 1:
            response.close()  # the server wrote it; the answer never arrives
            raise socket.timeout("timed out")
        return response

    before = edge.get("/api/v1/me/notifications", bob.pk)["total_notifications"]
    client = EdgeNotifyClient(urlopen=lose_first_answer, backoff=0.01)
    result = NotificationService(author, "Once", article, "POST", [bob], client=client).create_notification()
    assert len(calls) == 2 and calls[0] == calls[1] and calls[0]
    assert result["created"] == 1
    assert edge.get("/api/v1/me/notifications", bob.pk)["total_notifications"] == before + 1


def test_profile_and_switch_follow_django(edge, people):
    author, alice, bob = people
    dave = User.objects.create_user("dave", first_name="Dave")
    sync_user(dave, notifications_enabled=False)
    with pytest.raises(EdgeNotifyError) as off:
        NotificationService(requested_user=dave).get_requested_user_notifications()
    assert off.value.status == 400 and off.value.detail == "Notifications are not enabled for the current user."
    set_notifications_enabled(dave, True)
    assert NotificationService(requested_user=dave).get_requested_user_notifications()["total_notifications"] == 0
    dave.is_active = False
    dave.save()
    assert sync_user(dave)["is_active"] is False


def test_requested_user_defaults_to_the_current_requests_user(edge, people):
    from django.test import RequestFactory

    from edge_notify import CurrentUserMiddleware

    author = people[0]
    request = RequestFactory().get("/")
    request.user = author
    seen = []
    CurrentUserMiddleware(lambda r: seen.append(NotificationService().requested_user))(request)
    assert seen == [author]
    assert NotificationService().requested_user is None  # dropped after the response
