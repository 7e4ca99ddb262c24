import { useState } from 'preact/hooks';
import { PLOVER_TYPES, sendOverride, type StoredEvent } from './api';

const TOKEN_KEY = 'dyad-token';
const ANALYST_KEY = 'dyad-analyst';

/** The write token and analyst name, kept for the browser session only. */
export function Credentials() {
  const [token, setToken] = useState(sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [analyst, setAnalyst] = useState(sessionStorage.getItem(ANALYST_KEY) ?? '');
  return (
    <details class="credentials">
      <summary>Analyst sign-in {token ? '(token set)' : '(needed to correct events)'}</summary>
      <label>Your name <input name="analyst" value={analyst} onInput={(e) => {
        const value = (e.currentTarget as HTMLInputElement).value;
        setAnalyst(value);
        sessionStorage.setItem(ANALYST_KEY, value);
      }} /></label>
      <label>Write token (printed by dyad serve) <input name="token" type="password" autocomplete="off" value={token} onInput={(e) => {
        const value = (e.currentTarget as HTMLInputElement).value;
        setToken(value);
        sessionStorage.setItem(TOKEN_KEY, value);
      }} /></label>
    </details>
  );
}

function describe(stored: StoredEvent): string {
  const e = stored.event;
  const who = e.actors.map((a) => a.text).join(' + ') || '?';
  const whom = e.recipients.map((r) => r.text).join(' + ');
  return `${e.plover}: ${who}${whom ? ` → ${whom}` : ''}`;
}

/** Accept, correct or reject one event; a verdict already given can be withdrawn. */
export function ReviewControls({ stored, onChange }: { stored: StoredEvent; onChange: () => void }) {
  const e = stored.event;
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const [form, setForm] = useState({
    plover: e.plover, actor: e.actors[0]?.text ?? '', actorCode: e.actors[0]?.code ?? '', recipient: e.recipients[0]?.text ?? '',
    recipientCode: e.recipients[0]?.code ?? '', place: e.location?.name ?? '', date: e.date?.value ?? '',
    killed: e.casualties?.killed ? String(e.casualties.killed.min) : '', injured: e.casualties?.injured ? String(e.casualties.injured.min) : '', reason: '',
  });
  const id = stored.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const send = async (verdict: 'accept' | 'reject' | 'correct' | 'withdraw') => {
    const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
    const analyst = sessionStorage.getItem(ANALYST_KEY) || 'analyst';
    if (!token) {
      setStatus('Set the write token under "Analyst sign-in" first.');
      return;
    }
    let body: Record<string, unknown> | undefined = { verdict, analyst, ...(form.reason ? { reason: form.reason } : {}) };
    if (verdict === 'withdraw') body = undefined;
    if (verdict === 'correct') {
      const correction: Record<string, unknown> = {};
      if (form.plover !== e.plover) correction.plover = form.plover;
      const participant = (text: string, code: string) => ({ text, ...(code ? { code: code.toUpperCase() } : {}) });
      if (form.actor && (form.actor !== (e.actors[0]?.text ?? '') || form.actorCode !== (e.actors[0]?.code ?? ''))) correction.actor = participant(form.actor, form.actorCode);
      if (form.recipient && (form.recipient !== (e.recipients[0]?.text ?? '') || form.recipientCode !== (e.recipients[0]?.code ?? ''))) correction.recipient = participant(form.recipient, form.recipientCode);
      if (form.place && form.place !== (e.location?.name ?? '')) correction.place = { name: form.place };
      if (form.date && form.date !== (e.date?.value ?? '')) correction.date = form.date;
      const casualties: Record<string, number> = {};
      if (form.killed !== '' && Number(form.killed) !== e.casualties?.killed?.min) casualties.killed = Number(form.killed);
      if (form.injured !== '' && Number(form.injured) !== e.casualties?.injured?.min) casualties.injured = Number(form.injured);
      if (Object.keys(casualties).length > 0) correction.casualties = casualties;
      if (Object.keys(correction).length === 0) {
        setStatus('Nothing changed: edit a field, or accept the event as it is.');
        return;
      }
      body!.correction = correction;
    }
    try {
      await sendOverride(stored.id, token, body);
      setStatus(verdict === 'withdraw' ? 'Verdict withdrawn.' : `Saved: ${verdict}.`);
      setOpen(false);
      onChange();
    } catch (error) {
      setStatus(`Not saved: ${(error as Error).message}`);
    }
  };
  const field = (key: keyof typeof form, label: string, type: 'text' | 'number' = 'text') => (
    <label>{label} <input name={key} type={type as "text"} value={form[key]} onInput={(ev) => setForm({ ...form, [key]: (ev.currentTarget as HTMLInputElement).value })} /></label>
  );
  return (
    <div class="review" aria-label={`Review ${describe(stored)}`} role="group">
      {e.review && <p class={`verdict ${e.review.verdict}`}>Verified: {e.review.verdict} by {e.review.analyst} ({e.review.at.slice(0, 10)}){e.review.reason ? ` — ${e.review.reason}` : ''}</p>}
      <button type="button" onClick={() => send('accept')}>Accept</button>
      <button type="button" aria-expanded={open} aria-controls={`correct-${id}`} onClick={() => setOpen(!open)}>Correct…</button>
      <button type="button" onClick={() => send('reject')}>Reject</button>
      {e.review && <button type="button" onClick={() => send('withdraw')}>Withdraw verdict</button>}
      {open && (
        <form id={`correct-${id}`} class="correct" onSubmit={(ev) => {
          ev.preventDefault();
          void send('correct');
        }}>
          <label>Type <select name="plover" value={form.plover} onChange={(ev) => setForm({ ...form, plover: (ev.currentTarget as HTMLSelectElement).value })}>
            {PLOVER_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select></label>
          {field('actor', 'Actor')}{field('actorCode', 'Actor code')}
          {field('recipient', 'Recipient')}{field('recipientCode', 'Recipient code')}
          {field('place', 'Place')}{field('date', 'Date (YYYY-MM-DD)')}
          {field('killed', 'Killed', 'number')}{field('injured', 'Injured', 'number')}
          {field('reason', 'Why')}
          <button type="submit">Save correction</button>
        </form>
      )}
      <p class="status" role="status">{status}</p>
    </div>
  );
}
