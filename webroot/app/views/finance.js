// Finance (cooperative premises and community premises are separate zones, O III.2), the ledger of
// one's own periods, and the premises one holds.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime, formatMoney } from '../i18n.js';
import { get } from '../api.js';
import { wrongButton } from './correspondence.js';
import { payForm, paymentsEnabled } from './payments.js';

let finance = null;     // GET /api/finance
let holdings = null;    // GET /api/premises
let ledger = null;      // { premisesId, page, data }
let problem = null;

/** Called on finance.balance-changed: the figures on screen are read afresh. */
export function forgetFinance(app) {
  finance = null;
  if (ledger) ledger = { ...ledger, stale: true };
  app.update();
}

function load(app) {
  finance = { loading: true };
  get('/api/finance').then((f) => { finance = f; app.update(); })
    .catch((failure) => { finance = { premises: [] }; problem = t('app.error', { code: failure.code }); app.update(); });
}

const money = formatMoney;

export function financeView(app, zone) {
  if (!finance) load(app);
  if (finance.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  const premises = finance.premises.filter((p) => p.zone === zone);
  return html`
    <section aria-labelledby="finance-title">
      <h1 id="finance-title">${t(`zone.${zone}`)}</h1>
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
      <p class="muted books-loaded">${finance.booksLoadedAt
        ? t('finance.loadedAt', { at: formatTime(finance.booksLoadedAt) }) : t('finance.neverLoaded')}</p>
      <p>${wrongButton(app, zone)}</p>
      ${zone === 'finance' && paymentsEnabled(app) ? html`<p><a href="#/payments">${t('payments.all')}</a></p>` : nothing}
      ${premises.length === 0 ? html`<p>${t('finance.none')}</p>` : html`
        <ul class="balances">
          ${premises.map((p) => html`
            <li class="card balance" data-premises=${p.premisesId}>
              <h2>${p.address}, ${t('premises.number', { number: p.number })}</h2>
              <dl class="figures">
                <div><dt>${t('finance.dueNow')}</dt><dd class="due-now">${money(p.dueNow)}</dd></div>
                <div><dt>${t('finance.notYetDue')}</dt><dd class="not-yet-due">${money(p.notYetDue)}</dd></div>
                ${Number(p.overpayment) > 0 ? html`<div><dt>${t('finance.overpayment')}</dt>
                  <dd class="overpayment">${money(p.overpayment)}</dd></div>` : nothing}
                <div class="total"><dt>${t('finance.balance')}</dt><dd class="balance-total">${money(p.balance)}</dd></div>
              </dl>
              <p class="muted">${t('finance.asOf', { day: finance.asOf })}</p>
              <a href="#/ledger/${encodeURIComponent(p.premisesId)}">${t('finance.ledger')}</a>
              ${zone === 'finance' && paymentsEnabled(app) ? payForm(app, p) : nothing}
              ${wrongButton(app, zone, p.premisesId)}
            </li>`)}
        </ul>`}
    </section>`;
}

export function ledgerView(app, premisesId) {
  if (!ledger || ledger.premisesId !== premisesId || ledger.stale) readLedger(app, premisesId, ledger?.page ?? 1);
  if (!ledger.data) return html`<p class="loading">${t('app.loading')}</p>`;
  const { entries, total, page, size } = ledger.data;
  const pages = Math.max(1, Math.ceil(total / size));
  return html`
    <section class="card" aria-labelledby="ledger-title">
      <h1 id="ledger-title">${t('finance.ledgerTitle')}</h1>
      ${entries.length === 0 ? html`<p>${t('finance.noEntries')}</p>` : html`
        <div class="table-wrap">
          <table class="ledger">
            <caption class="visually-hidden">${t('finance.ledgerTitle')}</caption>
            <thead><tr><th scope="col">${t('finance.col.date')}</th><th scope="col">${t('finance.col.what')}</th>
              <th scope="col" class="amount">${t('finance.col.amount')}</th></tr></thead>
            <tbody>
              ${entries.map((e) => html`
                <tr data-entry=${e.entryId} class="entry-${e.kind}">
                  <td data-label=${t('finance.col.date')}>${e.date}</td>
                  <td data-label=${t('finance.col.what')}>${t(`entry.${e.kind}`)}${e.component ? html` — ${e.component}` : nothing}
                    ${e.month ? html`<span class="muted">(${e.month})</span>` : nothing}
                    ${e.description ? html`<span class="muted">${e.description}</span>` : nothing}</td>
                  <td data-label=${t('finance.col.amount')} class="amount">${e.kind === 'payment' ? '−' : ''}${money(e.amount)}</td>
                </tr>`)}
            </tbody>
          </table>
        </div>
        <nav class="pager" aria-label=${t('finance.pages')}>
          <button ?disabled=${page <= 1} @click=${() => readLedger(app, premisesId, page - 1)}>${t('finance.newer')}</button>
          <span>${t('finance.page', { page, pages })}</span>
          <button ?disabled=${page >= pages} @click=${() => readLedger(app, premisesId, page + 1)}>${t('finance.older')}</button>
        </nav>`}
      <p><a href="#/">${t('zone.back')}</a></p>
    </section>`;
}

function readLedger(app, premisesId, page) {
  ledger = { premisesId, page, data: ledger?.premisesId === premisesId ? ledger.data : null };
  get(`/api/finance/${encodeURIComponent(premisesId)}/ledger?page=${page}&size=25`)
    .then((data) => { ledger = { premisesId, page, data }; app.update(); })
    .catch((failure) => { ledger = { premisesId, page, data: { entries: [], total: 0, page: 1, size: 25 } };
      problem = t('app.error', { code: failure.code }); app.update(); });
}

export function premisesView(app) {
  if (!holdings) {
    holdings = { loading: true };
    get('/api/premises').then((h) => { holdings = h; app.update(); })
      .catch(() => { holdings = { premises: [], history: [] }; app.update(); });
  }
  if (holdings.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  const item = (p) => html`
    <li class="card" data-premises=${p.premisesId}>
      <h3>${p.address}, ${t('premises.number', { number: p.number })}</h3>
      <dl class="facts">
        <dt>${t('premises.kind')}</dt><dd>${t(`premises.kind.${p.kind}`)}</dd>
        <dt>${t('premises.area')}</dt><dd>${p.area} m²</dd>
        <dt>${t('premises.title')}</dt><dd>${t(`title.${p.title.kind}`)}, ${p.title.from}${p.title.until ? ` – ${p.title.until}` : ''}</dd>
        ${p.community ? html`<dt>${t('premises.community')}</dt><dd>${p.community}</dd>` : nothing}
      </dl>
      ${wrongButton(app, 'premises', p.premisesId)}
    </li>`;
  return html`
    <section aria-labelledby="premises-title">
      <h1 id="premises-title">${t('zone.premises')}</h1>
      <p>${wrongButton(app, 'premises')}</p>
      ${holdings.premises.length === 0 ? html`<p>${t('premises.none')}</p>` : html`<ul class="plain">${holdings.premises.map(item)}</ul>`}
      ${holdings.history.length ? html`<h2>${t('premises.history')}</h2><ul class="plain">${holdings.history.map(item)}</ul>` : nothing}
    </section>`;
}
