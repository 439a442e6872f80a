// The events.v1 steps of `npm run bench` (issue #12): item frame latency against the counts frame,
// resumes (100 missed changes, 10,000 missed), and the 10,000-recipient fan-out to events sockets.
// run.mjs passes its helpers in; the seed below runs with its own.

/** A user whose version is 10,000 with every version in the outbox (counts rows), for resume10k. */
export const EVENTS_SEED = (now) => `
INSERT INTO users (id, created_at, updated_at, counts_version) VALUES ('resume-10k', '${now}', '${now}', 10000);
INSERT INTO inbox_events (user_id, version, kind, data, size, counts, created_at)
WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 10000)
SELECT 'resume-10k', x, 'counts', '{}', 2,
  '{"total":0,"read":0,"unread":0,"unseen":0,"archived":0,"categories":{}}', '${now}' FROM s;
`;

const EVENTS = "protocol=events.v1";

export function eventSteps({ socket, until, post, record, pct, round, openMany, waitJob, token }) {
  /** Opens an events.v1 socket (from `since`) and resolves once `done(frames)` holds; the time it took. */
  async function resumeOnce(base, user, since, done) {
    const t0 = performance.now();
    const s = await socket(base, user, `${EVENTS}&since=${since}`);
    await until(() => done(s.frames), 60_000, `resume of ${user}`);
    const elapsed = s.frames.at(-1).at - t0;
    s.ws.close();
    return { elapsed, frames: s.frames.map((f) => f.frame) };
  }

  return {
    async itemLatency(base) {
      const events = await socket(base, "il-events", EVENTS);
      const legacy = await socket(base, "il-legacy");
      await until(() => events.frames.length === 1 && legacy.frames.length === 1, 5000, "first frames");
      const create = (user, i) => post(base, { message: "item", model: "Bench", instance: { i }, user_ids: [user] });
      const samples = { events: [], legacy: [] };
      // Interleaved, so both kinds see the same server state; 20 of each warm up first.
      for (let i = 0; i < 320; i++) {
        for (const [kind, s, user] of [
          ["events", events, "il-events"],
          ["legacy", legacy, "il-legacy"],
        ]) {
          const before = s.frames.length;
          const t0 = performance.now();
          await create(user, i);
          await until(() => s.frames.length > before, 5000, `${kind} frame`);
          if (i >= 20) samples[kind].push(s.frames[before].at - t0);
        }
      }
      const last = events.frames.at(-1).frame;
      if (last.type !== "notification.created" || !last.item?.uid) throw new Error("no item frame");
      events.ws.close();
      legacy.ws.close();
      const [item50, counts50] = [pct(samples.events, 50), pct(samples.legacy, 50)];
      record(
        "item frame latency p50 (create -> notification.created), vs counts frame p50",
        "<= counts p50 + 2 ms",
        round(item50),
        "ms",
        item50 <= counts50 + 2,
        `counts frame p50 ${round(counts50)} ms, p99 ${round(pct(samples.legacy, 99))} ms; item p99 ${round(pct(samples.events, 99))} ms; 300 each, interleaved`,
      );
    },

    async resume100(base) {
      const user = "resume-100";
      const probe = await socket(base, user, EVENTS);
      await until(() => probe.frames.length === 1, 5000, "first frame");
      const since = probe.frames[0].frame.version;
      probe.ws.close();
      const uids = [];
      for (let i = 0; i < 90; i++) {
        uids.push(...(await post(base, { message: "r", model: "Bench", instance: { i }, user_ids: [user] })).json.uids);
      }
      const headers = { Authorization: `Bearer ${await token(user)}`, "Content-Type": "application/json" };
      for (const uid of uids.slice(0, 10)) {
        await fetch(`${base}/api/v1/me/notifications`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({ action_choice: "MARK_AS_READ", notification_uids: [uid] }),
        });
      }
      const samples = [];
      for (let i = 0; i < 30; i++) {
        const { elapsed, frames } = await resumeOnce(base, user, since, (f) => f.length >= 100);
        if (frames.length !== 100 || frames.some((f, n) => f.version !== since + 1 + n)) {
          throw new Error(`resume gave ${frames.length} frames, not versions ${since + 1}..${since + 100}`);
        }
        samples.push(elapsed);
      }
      record(
        "resume after 100 missed changes: connect -> last frame, p50",
        "(reported)",
        round(pct(samples, 50)),
        "ms",
        true,
        `90 created + 10 read frames in order; p99 ${round(pct(samples, 99))} ms over 30 resumes`,
      );
    },

    async resume10k(base) {
      const user = "resume-10k";
      const reset = await resumeOnce(base, user, 0, (f) => f.length >= 2);
      if (reset.frames[0].type !== "reset" || reset.frames[1].type !== "counts") throw new Error("no reset + counts");
      const full = await resumeOnce(base, user, 9000, (f) => f.length >= 1000);
      record(
        "resume with 10,000 missed: reset then counts",
        "(reported)",
        round(reset.elapsed),
        "ms",
        reset.frames[0].reason === "too_far_behind",
        `a resume of exactly RESUME_MAX_EVENTS (1,000) frames took ${round(full.elapsed)} ms`,
      );
    },

    async fanout10kEvents(base) {
      const users = Array.from({ length: 10_000 }, (_, i) => `fan-${i}`);
      const sockets = await openMany(base, users.slice(0, 1000), 1, 200, [], EVENTS);
      const t0 = performance.now();
      const { status, json } = await post(base, {
        message: "fan-out",
        model: "Bench",
        instance: { n: 4 },
        user_ids: users,
      });
      const created = (s) => s.frames.find((f) => f.frame.type === "notification.created");
      await until(() => sockets.every(created), 60_000, "1,000 events sockets told");
      const arrivals = sockets.map((s) => created(s).at - t0);
      const elapsed = Math.max(...arrivals);
      const job = status === 202 ? await waitJob(base, json.job_id, 120_000) : null;
      for (const s of sockets) s.ws.close();
      record(
        "fan-out 10,000 recipients, 1,000 events.v1 sockets: all got the item",
        "<= 2000 ms",
        round(elapsed, 0),
        "ms",
        elapsed <= 2000,
        `first ${round(Math.min(...arrivals))} ms; ${status === 202 ? `queued, ${job?.chunks_total} chunks, job ${job?.status}` : "inline"}`,
      );
    },
  };
}
