// The auditor's screen: pick an account, check that the records are untouched, read the account's history as a
// timeline (filtered, a page at a time, exportable as a file) and compare what its zones showed at a past moment
// with what they show now.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get } from '../api.js';
import { asOfSection, showAsOf, eventName, forgetAsOf } from './auditAsOf.js';
import { verificationCard, verifyAccount, forgetVerification } from './auditVerify.js';

const PAGE = 25;
const ROLES = ['resident', 'admin', 'auditor', 'system', 'anonymous'];
/** The events an account's history can hold, by zone, for the type filter. */
const TYPES = {
  account: ['AccountRegistered', 'LoginSucceeded', 'LoginFailed', 'AccountLocked', 'AccountUnlocked', 'PasswordChanged',
    'InitialPasswordIssued', 'RegulationsAccepted', 'AccountBlocked', 'AccountUnblocked', 'SignedOut', 'ContactChanged',
    'ContactDeleted', 'NotificationsChosen'],
  finance: ['ChargeBooked', 'PaymentMade', 'CorrectionBooked', 'InterestBooked'],
  meters: ['ReadingSubmitted', 'ReadingAccepted', 'ReadingCorrected'],
  faults: ['FaultReported', 'FaultStatusChanged', 'FaultCommented', 'FaultReopened', 'FaultPhotoAttached'],
  correspondence: ['LetterSent', 'MessageWritten', 'LetterOpened', 'RepliesRead', 'ReplyWritten'],
  payments: ['PaymentStarted', 'NotificationReceived', 'PaymentPending', 'PaymentSucceeded', 'PaymentFailed', 'PaymentExpired'],
};

let accounts = null;
let history = null; // { accountId, events, next, loading, more }
let filters = { from: '', to: '', types: [], actorRole: '' };
let problem = null;
let asked = 0; // the latest history request; older answers arriving late are dropped
let viewer = null; // who the state above was gathered for: another sign-in on the same page starts afresh

export function auditView(app, accountId) {
  const who = `${app.me.cooperative}/${app.me.accountId}`;
  if (who !== viewer) {
    viewer = who;
    accounts = null;
    history = null;
    filters = { from: '', to: '', types: [], actorRole: '' };
    forgetAsOf();
    forgetVerification();
  }
  if (accounts === null) find(app, '');
  if (accountId && history?.accountId !== accountId) {
    load(app, accountId);
    verifyAccount(app, accountId);
  }
  const login = accounts?.find((a) => a.accountId === accountId)?.login ?? accountId;
  return html`
    <h1>${t('audit.title')}</h1>
    ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
    ${verificationCard(app, accountId, login)}
    <div class="audit-grid">
      <section class="card" aria-labelledby="audit-find">
        <h2 id="audit-find">${t('admin.find')}</h2>
        <form class="inline" role="search" @submit=${(e) => { e.preventDefault(); find(app, new FormData(e.target).get('q')); }}>
          <label for="audit-query">${t('admin.query')}</label>
          <input id="audit-query" name="q" type="search" autocomplete="off">
          <button type="submit">${t('admin.search')}</button>
        </form>
        ${accounts === null ? html`<p class="loading">${t('app.loading')}</p>` : accounts.length === 0
          ? html`<p>${t('admin.noResults')}</p>`
          : html`<ul class="account-list">${accounts.map((a) => html`
              <li><a href="#/audit/${encodeURIComponent(a.accountId)}" data-login=${a.login}
                     aria-current=${a.accountId === accountId ? 'true' : 'false'}>
                ${a.lastName} ${a.firstName} <span class="muted">(${a.login}, ${t(`role.${a.role}`)})</span></a></li>`)}</ul>`}
      </section>
      <div class="audit-account">
        ${accountId ? asOfSection(app, accountId, login) : nothing}
        <section class="card" aria-labelledby="audit-history">
          ${accountId ? timeline(app, accountId, login) : html`<h2 id="audit-history">${t('audit.pick')}</h2>`}
        </section>
      </div>
    </div>`;
}

function timeline(app, accountId, login) {
  return html`
    <h2 id="audit-history">${t('audit.history', { login })}</h2>
    ${filtersForm(app, accountId)}
    <p class="exports">${t('audit.export')}
      <a href=${exportLink(accountId, 'jsonl')} download data-format="jsonl">${t('audit.export.jsonl')}</a>
      <a href=${exportLink(accountId, 'csv')} download data-format="csv">${t('audit.export.csv')}</a></p>
    ${!history || history.loading ? html`<p class="loading">${t('app.loading')}</p>` : history.events.length === 0
      ? html`<p>${t('audit.empty')}</p>` : html`
      <p class="muted" role="status">${t('audit.shown', { count: history.events.length })}</p>
      <ol class="timeline">
        ${history.events.map((e) => html`
          <li data-type=${e.type} data-index=${e.globalIndex} tabindex="-1">
            <p class="when"><time datetime=${e.occurredAt}>${formatTime(e.occurredAt)}</time></p>
            <p class="what" id="event-${e.globalIndex}"><strong>${eventName(e.type)}</strong> <span class="muted">#${e.sequence}</span></p>
            <p class="who">${t('audit.actor', { who: actor(e.actor) })}${e.requestId ? html` · <span class="muted">${t('audit.request', { id: e.requestId })}</span>` : nothing}</p>
            ${details(e.payload)}
            <button type="button" class="as-of-event" aria-describedby="event-${e.globalIndex}"
                    @click=${() => showAsOf(app, accountId, e.occurredAt, true)}>${t('audit.asOf.afterEvent')}</button>
          </li>`)}
      </ol>
      ${history.next !== undefined ? html`
        <p class="pager"><button type="button" class="more" ?disabled=${history.more}
            @click=${() => { load(app, accountId, true); app.update(); }}>${history.more ? t('app.loading') : t('audit.more')}</button></p>` : nothing}`}`;
}

function filtersForm(app, accountId) {
  const apply = (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const next = { from: form.get('from'), to: form.get('to'), types: form.getAll('types'), actorRole: form.get('actorRole') };
    if (next.from && next.to && next.to < next.from) {
      problem = t('audit.filter.backwards');
      app.update();
      return;
    }
    problem = null;
    filters = next;
    load(app, accountId);
    app.update();
  };
  const clear = () => {
    filters = { from: '', to: '', types: [], actorRole: '' };
    problem = null;
    load(app, accountId);
    app.update();
  };
  return html`
    <form class="audit-filters" aria-labelledby="audit-filters-title" @submit=${apply}>
      <h3 id="audit-filters-title">${t('audit.filter')}</h3>
      <div class="field"><label for="audit-from">${t('audit.filter.from')}</label>
        <input id="audit-from" name="from" type="date" .value=${filters.from}></div>
      <div class="field"><label for="audit-to">${t('audit.filter.to')}</label>
        <input id="audit-to" name="to" type="date" .value=${filters.to}></div>
      <div class="field"><label for="audit-role">${t('audit.filter.role')}</label>
        <select id="audit-role" name="actorRole">
          <option value="" ?selected=${!filters.actorRole}>${t('audit.filter.anyone')}</option>
          ${ROLES.map((r) => html`<option value=${r} ?selected=${filters.actorRole === r}>${roleName(r)}</option>`)}
        </select></div>
      <div class="field types"><label for="audit-types">${t('audit.filter.types')}</label>
        <select id="audit-types" name="types" multiple size="6" aria-describedby="audit-types-hint">
          ${Object.entries(TYPES).map(([zone, types]) => html`<optgroup label=${t(`audit.zone.${zone}`)}>
            ${types.map((type) => html`<option value=${type} ?selected=${filters.types.includes(type)}>${eventName(type)}</option>`)}
          </optgroup>`)}
        </select>
        <span id="audit-types-hint" class="muted">${t('audit.filter.typesHint')}</span></div>
      <div class="actions">
        <button type="submit" class="primary">${t('audit.filter.apply')}</button>
        <button type="button" @click=${clear}>${t('audit.filter.clear')}</button>
      </div>
    </form>`;
}

function roleName(role) {
  if (role === 'system') return t('audit.actor.system');
  if (role === 'anonymous') return t('audit.actor.anonymous');
  return t(`role.${role}`);
}

/** The filters as the API takes them; a day runs from its local midnight to the next. */
function query(extra = {}) {
  const p = new URLSearchParams();
  if (filters.from) p.set('from', midnight(filters.from, 0));
  if (filters.to) p.set('to', midnight(filters.to, 1));
  if (filters.types.length) p.set('types', filters.types.join(','));
  if (filters.actorRole) p.set('actorRole', filters.actorRole);
  Object.entries(extra).forEach(([k, v]) => p.set(k, v));
  return p.toString();
}

function midnight(day, plusDays) {
  const d = new Date(`${day}T00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

function exportLink(accountId, format) {
  return `/api/audit/accounts/${encodeURIComponent(accountId)}/export?${query({ format })}`;
}

function actor(a) {
  if (!a || a.role === 'system') return t('audit.actor.system');
  if (a.role === 'anonymous') return t('audit.actor.anonymous');
  return `${a.login ?? a.accountId} (${t(`role.${a.role}`)})`;
}

function details(payload) {
  const shown = Object.entries(payload ?? {}).filter(([k]) => k !== 'accountId');
  if (shown.length === 0) return nothing;
  return html`<dl class="payload">${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${
    v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>`)}</dl>`;
}

async function find(app, q) {
  try {
    accounts = (await get(`/api/audit/accounts?q=${encodeURIComponent(q ?? '')}`)).accounts;
    problem = null;
  } catch (failure) {
    accounts = [];
    problem = t('app.error', { code: failure.code });
  }
  app.update();
}

/**
 * The first page under the filters, or with `more` the next one; focus goes to the first event it brought.
 * It changes the state at once and renders only when the answer comes, so a view may call it while rendering.
 */
async function load(app, accountId, more = false) {
  const ask = ++asked;
  const after = more ? history.next : undefined;
  if (more) history = { ...history, more: true };
  else history = { accountId, loading: true, events: [] };
  try {
    const answer = await get(`/api/audit/accounts/${encodeURIComponent(accountId)}/events?${
      query(after === undefined ? { limit: PAGE } : { limit: PAGE, after })}`);
    if (ask !== asked) return;
    history = { accountId, events: more ? [...history.events, ...answer.events] : answer.events, next: answer.next };
    app.update();
    if (more && answer.events.length) {
      document.querySelector(`.timeline li[data-index="${answer.events[0].globalIndex}"]`)?.focus();
    }
  } catch (failure) {
    if (ask !== asked) return;
    history = { accountId, events: more ? history.events : [] };
    problem = t('app.error', { code: failure.code });
    app.update();
  }
}
