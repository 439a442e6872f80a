import { type FormEvent, useState } from "react";
import { type Session, signIn } from "./session.js";

export function SignIn({ api, onSignedIn }: { api: string; onSignedIn: (session: Session) => void }) {
  const [userId, setUserId] = useState("1");
  const [error, setError] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError("");
    signIn(api, userId.trim()).then(onSignedIn, (failure: Error) => setError(failure.message));
  };
  return (
    <section className="card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p className="muted">
        The example asks <code>npm run dev</code> at {api} for a token for any user id.
      </p>
      <form onSubmit={submit} className="row">
        <label htmlFor="user-id">User id</label>
        <input id="user-id" value={userId} onChange={(event) => setUserId(event.target.value)} required />
        <button type="submit">Sign in</button>
      </form>
      <p className="error" role="alert">
        {error}
      </p>
    </section>
  );
}
