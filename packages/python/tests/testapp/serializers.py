"""A project's serializer that notifies through edge-notify, as it would have through the original."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from edge_notify import NotificationService

from .models import Article


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "body", "meta", "author", "published_at"]

    def _readers(self):
        return get_user_model().objects.exclude(pk=self.context["author"].pk)

    def create(self, validated_data):
        article = super().create(validated_data)
        NotificationService(
            requested_user=self.context["author"],
            message="New article: %s" % article.title,
            instance=article,
            method="POST",
            user_list=self._readers(),
            serializer=ArticleSerializer,
        ).create_notification()
        return article

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        # Before the save: changed_data compares the instance with the row as stored.
        NotificationService(
            requested_user=self.context["author"],
            message="Article updated: %s" % instance.title,
            instance=instance,
            method="PATCH",
            user_list=list(self._readers()),
            serializer=ArticleSerializer,
        ).create_notification()
        instance.save()
        return instance
