// The auditor's screen: pick an account, read its whole history as a timeline, with who did what.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get } from '../api.js';

let accounts = null;
let history = null; // { accountId, login, events } or { accountId, loading }
let problem = null;

export function auditView(app, accountId) {
  if (accounts === null) find(app, '');
  if (accountId && history?.accountId !== accountId) load(app, accountId);
  return html`
    <h1>${t('audit.title')}</h1>
    ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
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
      <section class="card" aria-labelledby="audit-history">
        ${timeline(accountId)}
      </section>
    </div>`;
}

function timeline(accountId) {
  if (!accountId) return html`<h2 id="audit-history">${t('audit.pick')}</h2>`;
  if (!history || history.loading) return html`<h2 id="audit-history">${t('app.loading')}</h2>`;
  const login = accounts?.find((a) => a.accountId === accountId)?.login ?? accountId;
  return html`
    <h2 id="audit-history">${t('audit.history', { login })}</h2>
    ${history.events.length === 0 ? html`<p>${t('audit.empty')}</p>` : html`
      <ol class="timeline">
        ${history.events.map((e) => html`
          <li data-type=${e.type}>
            <p class="when"><time datetime=${e.occurredAt}>${formatTime(e.occurredAt)}</time></p>
            <p class="what"><strong>${t(`event.${e.type}`)}</strong> <span class="muted">#${e.sequence}</span></p>
            <p class="who">${t('audit.actor', { who: actor(e.actor) })}${e.requestId ? html` · <span class="muted">${t('audit.request', { id: e.requestId })}</span>` : nothing}</p>
            ${details(e.payload)}
          </li>`)}
      </ol>`}`;
}

function actor(a) {
  if (!a || a.role === 'system') return t('audit.actor.system');
  if (a.role === 'anonymous') return t('audit.actor.anonymous');
  return `${a.login ?? a.accountId} (${t(`role.${a.role}`)})`;
}

function details(payload) {
  const shown = Object.entries(payload ?? {}).filter(([k]) => k !== 'accountId');
  if (shown.length === 0) return nothing;
  return html`<dl class="payload">${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`;
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

async function load(app, accountId) {
  history = { accountId, loading: true };
  try {
    const answer = await get(`/api/audit/accounts/${encodeURIComponent(accountId)}/events`);
    history = { accountId, events: answer.events };
  } catch (failure) {
    history = { accountId, events: [] };
    problem = t('app.error', { code: failure.code });
  }
  app.update();
}
