// Whether the stored events are exactly as written, by their hash chains: for the whole cooperative and for the
// chosen account with everything tied to it. When they are not, the first event that does not match is named.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { eventName } from './auditAsOf.js';

let cooperative = null; // null: not asked yet; { loading } | { result } | { failed }
let account = null;     // the same, with accountId

export function forgetVerification() {
  cooperative = null;
  account = null;
}

export function verificationCard(app, accountId, login) {
  if (cooperative === null) verifyCooperative(app);
  return html`
    <section class="card verification" aria-labelledby="audit-verify">
      <h2 id="audit-verify">${t('audit.verify.title')}</h2>
      <div aria-live="polite">
        <p class="verify-cooperative">${t('audit.verify.cooperative')}: ${outcome(cooperative)}</p>
        ${accountId && account?.accountId === accountId
          ? html`<p class="verify-account">${t('audit.verify.account', { login })}: ${outcome(account)}</p>` : nothing}
      </div>
      <button type="button" @click=${() => { verifyCooperative(app); if (accountId) verifyAccount(app, accountId); }}>
        ${t('audit.verify.again')}</button>
    </section>`;
}

function outcome(check) {
  if (!check || check.loading) return html`<span class="loading">${t('audit.verify.checking')}</span>`;
  if (check.failed) return html`<span class="status-failed">${check.failed}</span>`;
  const r = check.result;
  const counts = t('audit.verify.counts', { events: r.events, aggregates: r.aggregates });
  const unchained = r.unchained ? ` ${t('audit.verify.unchained', { count: r.unchained })}` : '';
  if (r.valid) {
    return html`<strong class="verified" data-valid="true">${t('audit.verify.valid')}</strong> <span class="muted">(${counts})${unchained}</span>`;
  }
  const b = r.firstBroken;
  return html`<strong class="not-verified" data-valid="false">${t('audit.verify.invalid')}</strong>
    ${b ? html`<span class="first-broken">${t('audit.verify.firstBroken', {
      index: b.globalIndex, type: eventName(b.type), aggregate: b.aggregateId, sequence: b.sequence, reason: b.reason })}</span>` : nothing}`;
}

async function check(path) {
  try {
    return { result: await get(path) };
  } catch (failure) {
    return { failed: t('app.error', { code: failure.code }) };
  }
}

async function verifyCooperative(app) {
  const asking = { loading: true };
  cooperative = asking;
  const answer = await check('/api/audit/verify');
  if (cooperative !== asking) return;
  cooperative = answer;
  app.update();
}

export async function verifyAccount(app, accountId) {
  const asking = { accountId, loading: true };
  account = asking;
  const answer = await check(`/api/audit/verify?account=${encodeURIComponent(accountId)}`);
  if (account !== asking) return;
  account = { accountId, ...answer };
  app.update();
}
