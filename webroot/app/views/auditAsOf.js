// The auditor's "as of" view: what an account's zones showed at a chosen moment, replayed from the events, next to
// what they show now, with every row that differs marked in words as well as colour.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime, formatMoney } from '../i18n.js';
import { get } from '../api.js';

let asOf = null; // { accountId, at, then, now, loading } — `at` the exact ISO instant asked for
let asked = 0;

/** An event's name in the reader's language, or its stored name when there is no text for it. */
export function eventName(type) {
  const text = t(`event.${type}`);
  return text === `event.${type}` ? type : text;
}

export function forgetAsOf() {
  asOf = null;
  asked++;
}

export function asOfSection(app, accountId, login) {
  if (asOf?.accountId !== accountId) asOf = { accountId };
  const pick = (e) => {
    e.preventDefault();
    const value = new FormData(e.target).get('asOf');
    if (!value) return;
    // the input shows whole seconds; an unchanged value keeps the exact moment an event button chose
    showAsOf(app, accountId, asOf.at && value === inputValue(asOf.at) ? asOf.at : new Date(value).toISOString());
  };
  return html`
    <section class="card as-of" aria-labelledby="audit-as-of">
      <h2 id="audit-as-of" tabindex="-1">${t('audit.asOf.title')}</h2>
      <form class="inline" @submit=${pick}>
        <label for="audit-as-of-at">${t('audit.asOf.at')}</label>
        <input id="audit-as-of-at" name="asOf" type="datetime-local" step="1" required
               .value=${asOf.at ? inputValue(asOf.at) : ''}>
        <button type="submit">${t('audit.asOf.show')}</button>
      </form>
      ${asOf.loading ? html`<p class="loading">${t('app.loading')}</p>` : nothing}
      ${asOf.failed ? html`<p class="flash error" role="alert">${asOf.failed}</p>` : nothing}
      ${asOf.then && asOf.now ? comparison(asOf, login) : asOf.loading ? nothing : html`<p class="muted">${t('audit.asOf.hint')}</p>`}
    </section>`;
}

/** Asks for the state at `at` and now; with `focus` the section takes focus once they arrive (from a timeline button). */
export async function showAsOf(app, accountId, at, focus = false) {
  const ask = ++asked;
  asOf = { accountId, at, loading: true };
  app.update();
  const path = `/api/audit/accounts/${encodeURIComponent(accountId)}/state`;
  try {
    const [then, now] = await Promise.all([get(`${path}?asOf=${encodeURIComponent(at)}`), get(path)]);
    if (ask !== asked) return;
    asOf = { accountId, at, then, now };
  } catch (failure) {
    if (ask !== asked) return;
    asOf = { accountId, at, failed: t('app.error', { code: failure.code }) };
  }
  app.update();
  if (focus) {
    const heading = document.getElementById('audit-as-of');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  }
}

function comparison({ at, then, now }, login) {
  const rows = [...statusRows(then, now), ...premisesRows(then, now), ...meterRows(then, now)];
  const changed = rows.filter((r) => r.then !== r.now).length;
  const whenThen = formatTime(at);
  return html`
    <p role="status">${changed === 0 ? t('audit.asOf.same') : t('audit.asOf.changed', { count: changed })}</p>
    <table class="as-of-table">
      <caption class="visually-hidden">${t('audit.asOf.caption', { login, when: whenThen })}</caption>
      <thead><tr><th scope="col">${t('audit.asOf.what')}</th>
        <th scope="col">${t('audit.asOf.then', { when: whenThen })}</th>
        <th scope="col">${t('audit.asOf.now')}</th></tr></thead>
      <tbody>${rows.map((r) => {
        const differs = r.then !== r.now;
        return html`<tr class=${differs ? 'changed' : ''} data-row=${r.key}>
          <th scope="row">${r.label}${differs ? html` <span class="badge changed-mark">${t('audit.asOf.differs')}</span>` : nothing}</th>
          <td class="then" data-label=${t('audit.asOf.then', { when: whenThen })}>${r.then}</td>
          <td class="now" data-label=${t('audit.asOf.now')}>${r.now}</td></tr>`;
      })}</tbody>
    </table>`;
}

function statusRows(then, now) {
  // before the account existed there was nothing to accept or change: a dash, not a yes or no
  const yes = (s, b) => (!s.registered ? '—' : b ? t('audit.asOf.yes') : t('audit.asOf.no'));
  const regulations = (s) => (!s.registered ? '—' : s.regulationsAccepted
    ? (s.acceptedRegulationsVersion ? t('audit.asOf.acceptedVersion', { version: s.acceptedRegulationsVersion }) : t('audit.asOf.yes'))
    : t('audit.asOf.no'));
  return [
    { key: 'status', label: t('audit.asOf.status'), then: status(then.status), now: status(now.status) },
    { key: 'regulations', label: t('audit.asOf.regulations'), then: regulations(then.status), now: regulations(now.status) },
    { key: 'password', label: t('audit.asOf.mustChangePassword'), then: yes(then.status, then.status.mustChangePassword),
      now: yes(now.status, now.status.mustChangePassword) },
  ];
}

function status(s) {
  if (!s.registered) return t('audit.asOf.notRegistered');
  if (s.blocked) return t('status.blocked');
  if (s.locked) return t('status.locked');
  return t('status.active');
}

function premisesRows(then, now) {
  const held = (state, titleId) => state.premises.find((p) => p.titleId === titleId);
  const ids = [...new Set([...then.premises, ...now.premises].map((p) => p.titleId))];
  return ids.map((titleId) => {
    const p = held(now, titleId) ?? held(then, titleId);
    const balance = (state) => { const q = held(state, titleId); return q ? formatMoney(q.balance) : t('audit.asOf.notHeld'); };
    return { key: `premises-${titleId}`, label: t('audit.asOf.balance', { premises: [p.address, p.number].filter(Boolean).join(' ') || p.premisesId }),
      then: balance(then), now: balance(now) };
  });
}

function meterRows(then, now) {
  const find = (state, meterId) => state.meters.find((m) => m.meterId === meterId);
  const ids = [...new Set([...then.meters, ...now.meters].map((m) => m.meterId))];
  return ids.map((meterId) => {
    const m = find(now, meterId) ?? find(then, meterId);
    const reading = (state) => {
      const q = find(state, meterId);
      if (!q) return t('audit.asOf.noMeter');
      const last = q.lastReading ? t('audit.asOf.reading', { value: q.lastReading.value, date: q.lastReading.readAt }) : t('audit.asOf.noReading');
      return q.removed ? `${last} · ${t('audit.asOf.removed')}` : last;
    };
    return { key: `meter-${meterId}`, label: t('audit.asOf.meter', { kind: t(`meters.kind.${m.kind}`), meter: meterId }),
      then: reading(then), now: reading(now) };
  });
}

/** An instant as a datetime-local input shows it: the reader's local time, to the second. */
function inputValue(iso) {
  const d = new Date(iso);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
