// Membership and contributions; loans with their schedules (R14, O III.2).
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatMoney } from '../i18n.js';
import { get } from '../api.js';

let memberships = null;
let loans = null;

const money = formatMoney;

function once(app, current, path, key, set) {
  if (current) return current;
  get(path).then((body) => { set(body[key]); app.update(); }).catch(() => { set([]); app.update(); });
  return { loading: true };
}

export function membershipView(app) {
  memberships = once(app, memberships, '/api/membership', 'memberships', (v) => { memberships = v; });
  if (memberships.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section aria-labelledby="membership-title">
      <h1 id="membership-title">${t('zone.membership')}</h1>
      ${memberships.length === 0 ? html`<p>${t('membership.none')}</p>` : memberships.map((m) => html`
        <article class="card membership" data-member=${m.memberId}>
          <h2>${t('membership.number', { number: m.number })}</h2>
          <dl class="facts">
            <dt>${t('membership.joined')}</dt><dd>${m.joined}</dd>
            ${m.left ? html`<dt>${t('membership.left')}</dt><dd>${m.left}</dd>` : nothing}
            <dt>${t('membership.shares')}</dt><dd>${m.shares} × ${money(m.shareValue)}</dd>
            <dt>${t('membership.contributionsTotal')}</dt><dd class="contributions-total">${money(m.contributionsTotal)}</dd>
          </dl>
          ${m.contributions.length ? html`
            <div class="table-wrap"><table>
              <caption>${t('membership.contributions')}</caption>
              <thead><tr><th scope="col">${t('finance.col.date')}</th><th scope="col">${t('membership.kind')}</th>
                <th scope="col" class="amount">${t('finance.col.amount')}</th></tr></thead>
              <tbody>${m.contributions.map((c) => html`<tr>
                <td data-label=${t('finance.col.date')}>${c.date}</td>
                <td data-label=${t('membership.kind')}>${c.kind}${c.premises ? html` <span class="muted">(${c.premises})</span>` : nothing}</td>
                <td data-label=${t('finance.col.amount')} class="amount">${money(c.amount)}</td></tr>`)}</tbody>
            </table></div>` : nothing}
        </article>`)}
    </section>`;
}

export function loansView(app) {
  loans = once(app, loans, '/api/loans', 'loans', (v) => { loans = v; });
  if (loans.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section aria-labelledby="loans-title">
      <h1 id="loans-title">${t('zone.loans')}</h1>
      ${loans.length === 0 ? html`<p>${t('loans.none')}</p>` : loans.map((l) => html`
        <article class="card loan" data-loan=${l.loanId}>
          <h2>${l.name}</h2>
          <dl class="facts">
            <dt>${t('loans.balance')}</dt><dd class="loan-balance">${money(l.balance)} <span class="muted">(${t('finance.asOf', { day: l.asOf })})</span></dd>
            <dt>${t('loans.principal')}</dt><dd>${money(l.principal)}</dd>
            ${l.rate ? html`<dt>${t('loans.rate')}</dt><dd>${l.rate}</dd>` : nothing}
          </dl>
          ${l.schedule.length ? html`
            <div class="table-wrap"><table>
              <caption>${t('loans.schedule')}</caption>
              <thead><tr><th scope="col">${t('loans.due')}</th><th scope="col" class="amount">${t('finance.col.amount')}</th>
                <th scope="col">${t('loans.paid')}</th></tr></thead>
              <tbody>${l.schedule.map((i) => html`<tr>
                <td data-label=${t('loans.due')}>${i.dueDate}</td>
                <td data-label=${t('finance.col.amount')} class="amount">${money(i.amount)}</td>
                <td data-label=${t('loans.paid')}>${i.paidOn ?? t('loans.unpaid')}</td></tr>`)}</tbody>
            </table></div>` : nothing}
        </article>`)}
    </section>`;
}
