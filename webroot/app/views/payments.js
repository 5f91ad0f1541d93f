// Online payments (R16): "Zapłać" on a premises' balance starts a payment and sends the browser to the
// gateway with the signed form IOK made; the list and the receipt show what the gateway's notifications
// said, live. The administrator sets the cooperative's gateway account; its key is never shown.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatMoney, formatTime } from '../i18n.js';
import { get, post, api } from '../api.js';

let payments = null;   // GET /api/payments
let receipt = null;    // { orderId, data }
let settings = null;   // GET /api/admin/settings/payments
let problem = null;

/** Called on payment.status-changed: what is on screen is read afresh. */
export function forgetPayments(app) {
  payments = null;
  receipt = null;
  app.update();
}

export function paymentsEnabled(app) {
  return (app.cooperative?.zones ?? []).includes('payments');
}

/** The amount a "Zapłać" form starts with: what is due now, else the whole balance when something is owed. */
function suggested(p) {
  if (Number(p.dueNow) > 0) return p.dueNow;
  return Number(p.balance) > 0 ? p.balance : '';
}

export function payForm(app, p) {
  const id = `pay-${p.premisesId}`;
  return html`
    <form class="pay" @submit=${(e) => start(e, app, p.premisesId)} novalidate>
      <div class="field">
        <label for=${id}>${t('payments.amount')}</label>
        <input id=${id} name="amount" inputmode="decimal" autocomplete="off" .value=${suggested(p)}
               aria-describedby=${`${id}-hint`}>
        <span id=${`${id}-hint`} class="muted">${t('payments.hint')}</span>
      </div>
      <button type="submit" class="primary pay-button">${t('payments.pay')}</button>
    </form>`;
}

async function start(event, app, premisesId) {
  event.preventDefault();
  const amount = String(new FormData(event.target).get('amount') ?? '').trim().replace(',', '.');
  const normalised = /^\d+(\.\d{1,2})?$/.test(amount) ? Number(amount).toFixed(2) : amount;
  try {
    const started = await post('/api/payments', { premisesId, amount: normalised });
    // the gateway takes a form post, not JSON: the browser leaves IOK with the fields IOK signed
    const form = document.createElement('form');
    form.method = 'post';
    form.action = started.gatewayUrl;
    for (const [name, value] of Object.entries(started.fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  } catch (failure) {
    const known = ['amount_not_positive', 'amount_over_limit', 'payments_not_configured', 'invalid_field'];
    app.say('error', known.includes(failure.code)
      ? t(`payments.refused.${failure.code}`, { limit: formatMoney(failure.details?.limit ?? '0') })
      : t('app.error', { code: failure.code }));
  }
}

function status(s) {
  return html`<span class=${`status status-${s}`}>${t(`payments.status.${s}`)}</span>`;
}

export function paymentsView(app, orderId) {
  return orderId ? receiptView(app, orderId) : listView(app);
}

function listView(app) {
  if (!payments) {
    payments = { loading: true };
    get('/api/payments').then((p) => { payments = p; app.update(); })
      .catch((failure) => { payments = { payments: [] }; problem = t('app.error', { code: failure.code }); app.update(); });
  }
  if (payments.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">${t('payments.title')}</h1>
      ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
      ${payments.payments.length === 0 ? html`<p>${t('payments.none')}</p>` : html`
        <ul class="plain payments">
          ${payments.payments.map((p) => html`
            <li class="card payment" data-order=${p.orderId}>
              <a href=${`#/payments/${p.orderId}`}>${formatMoney(p.amount)} — ${p.premisesId}</a>
              ${status(p.status)} <span class="muted">${formatTime(p.startedAt)}</span>
            </li>`)}
        </ul>`}
      <p><a href="#/zone/finance">${t('zone.back')}</a></p>
    </section>`;
}

function receiptView(app, orderId) {
  if (!receipt || receipt.orderId !== orderId) {
    receipt = { orderId, data: null };
    get(`/api/payments/${encodeURIComponent(orderId)}`).then((data) => { receipt = { orderId, data }; app.update(); })
      .catch(() => { receipt = { orderId, data: { missing: true } }; app.update(); });
  }
  const p = receipt.data;
  if (!p) return html`<p class="loading">${t('app.loading')}</p>`;
  if (p.missing) return html`<section class="card"><h1>${t('payments.receipt')}</h1><p>${t('payments.missing')}</p></section>`;
  return html`
    <section class="card receipt" aria-labelledby="receipt-title" data-order=${p.orderId}>
      <h1 id="receipt-title">${t('payments.receipt')}</h1>
      <p class="receipt-status" role="status">${status(p.status)}</p>
      <p class="muted">${t(`payments.explain.${p.status}`)}</p>
      <dl class="facts">
        <dt>${t('payments.order')}</dt><dd>${p.orderId}</dd>
        <dt>${t('payments.premises')}</dt><dd>${p.premisesId}</dd>
        <dt>${t('payments.sum')}</dt><dd class="receipt-amount">${formatMoney(p.amount)}</dd>
        <dt>${t('payments.started')}</dt><dd>${formatTime(p.startedAt)}</dd>
        ${p.paidOn ? html`<dt>${t('payments.paidOn')}</dt><dd>${p.paidOn}</dd>` : nothing}
        ${p.remoteId ? html`<dt>${t('payments.remoteId')}</dt><dd>${p.remoteId}</dd>` : nothing}
      </dl>
      <p><a href="#/zone/finance">${t('payments.toFinance')}</a> · <a href="#/payments">${t('payments.all')}</a></p>
    </section>`;
}

export function paymentSettingsAdmin(app) {
  if (!paymentsEnabled(app)) return nothing;
  if (!settings) {
    settings = { loading: true };
    get('/api/admin/settings/payments').then((s) => { settings = s; app.update(); })
      .catch(() => { settings = { keySet: false }; app.update(); });
  }
  if (settings.loading) return nothing;
  return html`
    <section class="card" aria-labelledby="payment-settings-title">
      <h2 id="payment-settings-title">${t('payments.settings.title')}</h2>
      <p class="muted">${settings.keySet ? t('payments.settings.keySet', { fingerprint: settings.keyFingerprint })
        : t('payments.settings.noKey')}</p>
      <form @submit=${(e) => saveSettings(e, app)} novalidate>
        <div class="field">
          <label for="payment-service-id">${t('payments.settings.serviceId')}</label>
          <input id="payment-service-id" name="serviceId" inputmode="numeric" required .value=${settings.serviceId ?? ''}>
        </div>
        <div class="field">
          <label for="payment-shared-key">${t('payments.settings.sharedKey')}</label>
          <input id="payment-shared-key" name="sharedKey" type="password" autocomplete="off" required>
        </div>
        <div class="field">
          <label for="payment-gateway-url">${t('payments.settings.gatewayUrl')}</label>
          <input id="payment-gateway-url" name="gatewayUrl" type="url" required
                 .value=${settings.gatewayUrl ?? 'https://pay.autopay.eu'}>
        </div>
        <div class="field">
          <label for="payment-max-amount">${t('payments.settings.maxAmount')}</label>
          <input id="payment-max-amount" name="maxAmount" inputmode="decimal" .value=${settings.maxAmount ?? '10000.00'}>
        </div>
        <button type="submit" class="primary">${t('payments.settings.save')}</button>
      </form>
    </section>`;
}

async function saveSettings(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { serviceId: form.get('serviceId'), sharedKey: form.get('sharedKey'), gatewayUrl: form.get('gatewayUrl'),
    maxAmount: String(form.get('maxAmount') ?? '').replace(',', '.') };
  try {
    await api('PUT', '/api/admin/settings/payments', body);
    settings = null;
    app.say('ok', t('payments.settings.saved'));
  } catch (failure) {
    app.say('error', failure.status === 400 ? failure.message : t('app.error', { code: failure.code }));
  }
}
