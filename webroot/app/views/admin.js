// Administration: register a resident and print the first-login letter; find accounts and unlock,
// issue a new password, block or unblock them; publish regulations.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { importSection } from './importer.js';
import { announcementsAdmin } from './announcements.js';
import { faultsAdmin } from './faults.js';
import { correspondenceAdmin, writeLetterTo } from './correspondence.js';
import { remindersAdmin } from './reminders.js';
import { zonesAdmin } from './zones.js';
import { projectionsAdmin } from './projections.js';
import { paymentSettingsAdmin } from './payments.js';
import { metersAdmin } from './metersAdmin.js';

let query = '';
let accounts = null;
let blocking = null; // the account whose block reason is being asked for
let problem = null;

export function adminView(app) {
  if (accounts === null) search(app, query);
  return html`
    <h1>${t('admin.title')}</h1>
    ${problem ? html`<p class="flash error" role="alert">${problem}</p>` : nothing}
    <div class="admin-grid">
      <section class="card" aria-labelledby="register-title">
        <h2 id="register-title">${t('admin.register')}</h2>
        <p class="muted">${t('admin.register.intro')}</p>
        <form @submit=${(e) => register(e, app)} novalidate>
          ${field('first-name', 'firstName', t('admin.firstName'), 'given-name', true)}
          ${field('last-name', 'lastName', t('admin.lastName'), 'family-name', true)}
          ${field('email', 'email', t('admin.email'), 'email', false, 'email')}
          ${field('phone', 'phone', t('admin.phone'), 'tel', false, 'tel')}
          <button type="submit" class="primary">${t('admin.register.submit')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="regulations-admin-title">
        <h2 id="regulations-admin-title">${t('admin.regulations')}</h2>
        <p class="muted">${t('admin.regulations.intro')}</p>
        <form @submit=${(e) => publish(e, app)} novalidate>
          ${field('regulations-version', 'version', t('admin.regulations.version'), 'off', true)}
          <div class="field">
            <label for="regulations-text">${t('admin.regulations.text')}</label>
            <textarea id="regulations-text" name="text" rows="6" required></textarea>
          </div>
          <button type="submit" class="primary">${t('admin.regulations.submit')}</button>
        </form>
      </section>
    </div>
    ${faultsAdmin(app)}
    ${correspondenceAdmin(app)}
    <section class="card" aria-labelledby="community-admin-title">
      <h2 id="community-admin-title">${t('community.title')}</h2>
      <p><a href="#/community">${t('community.adminLink')}</a></p>
    </section>
    ${metersAdmin(app)}
    ${announcementsAdmin(app)}
    ${zonesAdmin(app)}
    ${remindersAdmin(app)}
    ${projectionsAdmin(app)}
    ${paymentSettingsAdmin(app)}
    ${importSection(app)}
    <section class="card" aria-labelledby="find-title">
      <h2 id="find-title">${t('admin.find')}</h2>
      ${searchForm(app, (q) => search(app, q))}
      ${accountsTable(app)}
    </section>`;
}

/** The search box over the accounts table. */
function searchForm(app, onSearch) {
  return html`
    <form class="inline" role="search" @submit=${(e) => { e.preventDefault(); onSearch(new FormData(e.target).get('q')); }}>
      <label for="account-query">${t('admin.query')}</label>
      <input id="account-query" name="q" type="search" .value=${query} autocomplete="off">
      <button type="submit">${t('admin.search')}</button>
    </form>`;
}

function accountsTable(app) {
  if (accounts === null) return html`<p class="loading">${t('app.loading')}</p>`;
  if (accounts.length === 0) return html`<p>${t('admin.noResults')}</p>`;
  return html`
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">${t('admin.results')}</caption>
        <thead><tr>
          <th scope="col">${t('admin.col.name')}</th><th scope="col">${t('admin.col.login')}</th>
          <th scope="col">${t('admin.col.role')}</th><th scope="col">${t('admin.col.status')}</th>
          <th scope="col">${t('admin.col.actions')}</th>
        </tr></thead>
        <tbody>
          ${accounts.map((a) => html`
            <tr data-login=${a.login}>
              <td data-label=${t('admin.col.name')}>${a.lastName} ${a.firstName}</td>
              <td data-label=${t('admin.col.login')}>${a.login}</td>
              <td data-label=${t('admin.col.role')}>${t(`role.${a.role}`)}</td>
              <td data-label=${t('admin.col.status')} class="status-${a.status}">${t(`status.${a.status}`)}</td>
              <td data-label=${t('admin.col.actions')}><div class="actions">${actions(app, a)}</div></td>
            </tr>
            ${blocking?.accountId === a.accountId ? blockRow(app, a) : nothing}`)}
        </tbody>
      </table>
    </div>`;
}

function actions(app, account) {
  return html`
    ${account.status === 'locked' ? html`<button @click=${() => act(app, account, 'unlock')}>${t('admin.unlock')}</button>` : nothing}
    <button @click=${() => resetPassword(app, account)}>${t('admin.reset')}</button>
    ${account.role === 'resident' ? html`<button class="write-letter" @click=${() => writeLetterTo(app, account)}>${t('correspondence.letterTo')}</button>` : nothing}
    ${account.status === 'erased' ? nothing : account.status === 'blocked'
      ? html`<button @click=${() => act(app, account, 'unblock')}>${t('admin.unblock')}</button>
        <button class="danger" @click=${() => { if (window.confirm(t('admin.eraseConfirm', { login: account.login }))) act(app, account, 'erasure'); }}>${t('admin.erase')}</button>`
      : html`<button @click=${() => { blocking = account; app.update(); document.getElementById('block-reason')?.focus(); }}>${t('admin.block')}</button>`}`;
}

function blockRow(app, account) {
  return html`
    <tr class="block-row"><td colspan="5">
      <form class="inline" @submit=${(e) => block(e, app, account)} novalidate>
        <label for="block-reason">${t('admin.blockReason', { login: account.login })}</label>
        <input id="block-reason" name="reason" required>
        <button type="submit" class="danger">${t('admin.blockConfirm')}</button>
        <button type="button" @click=${() => { blocking = null; app.update(); }}>${t('admin.cancel')}</button>
      </form>
    </td></tr>`;
}

function field(id, name, label, autocomplete, required, type = 'text') {
  return html`
    <div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} ?required=${required}>
    </div>`;
}

async function search(app, q) {
  query = q ?? '';
  accounts = accounts ?? null;
  try {
    accounts = (await get(`/api/admin/accounts?q=${encodeURIComponent(query)}`)).accounts;
  } catch (failure) {
    accounts = [];
    problem = t('app.error', { code: failure.code });
  }
  app.update();
}

async function register(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { firstName: form.get('firstName'), lastName: form.get('lastName') };
  if (form.get('email')) body.email = form.get('email');
  if (form.get('phone')) body.phone = form.get('phone');
  try {
    const registered = await post('/api/admin/accounts', body);
    problem = null;
    app.letter = { name: `${body.firstName} ${body.lastName}`, login: registered.login, password: registered.initialPassword };
    accounts = null;
    app.go('#/admin/letter');
  } catch (failure) {
    problem = failure.message ? `${t('app.error', { code: failure.code })} ${failure.message}` : t('app.error', { code: failure.code });
    app.update();
  }
}

async function resetPassword(app, account) {
  try {
    const issued = await post(`/api/admin/accounts/${encodeURIComponent(account.accountId)}/reset-password`);
    app.letter = { name: `${account.firstName} ${account.lastName}`, login: account.login, password: issued.initialPassword };
    accounts = null;
    app.go('#/admin/letter');
  } catch (failure) {
    problem = t('app.error', { code: failure.code });
    app.update();
  }
}

async function act(app, account, action) {
  try {
    await post(`/api/admin/accounts/${encodeURIComponent(account.accountId)}/${action}`);
    problem = null;
    app.flash = { kind: 'ok', text: t(`admin.done.${action}`, { login: account.login }) };
    await search(app, query);
  } catch (failure) {
    problem = failure.code === 'account_not_closed' ? t(`admin.eraseRefused.${failure.details.reason}`)
      : t('app.error', { code: failure.code });
    app.update();
  }
}

async function block(event, app, account) {
  event.preventDefault();
  const reason = new FormData(event.target).get('reason').trim();
  if (!reason) return;
  try {
    await post(`/api/admin/accounts/${encodeURIComponent(account.accountId)}/block`, { reason });
    blocking = null;
    app.flash = { kind: 'ok', text: t('admin.done.block', { login: account.login }) };
    await search(app, query);
  } catch (failure) {
    problem = t('app.error', { code: failure.code });
    app.update();
  }
}

async function publish(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const version = form.get('version').trim();
  try {
    await post('/api/admin/regulations', { version, text: form.get('text') });
    problem = null;
    event.target.reset();
    app.say('ok', t('admin.regulations.done', { version }));
  } catch (failure) {
    problem = failure.status === 409 ? t('admin.regulations.exists') : t('app.error', { code: failure.code });
    app.update();
  }
}

/** The letter a new resident takes home: who, where to sign in, login and first password. Printable. */
export function letterView(app) {
  const letter = app.letter;
  if (!letter) return adminView(app);
  const address = `${location.origin}/${app.me.cooperative}/`;
  return html`
    <article class="card letter" aria-labelledby="letter-title">
      <p class="letter-from">${app.cooperative?.name}<br>${app.cooperative?.office ?? ''}</p>
      <h1 id="letter-title">${t('letter.title')}</h1>
      <p>${t('letter.to', { name: letter.name })}</p>
      <p>${t('letter.body')}</p>
      <dl class="facts letter-facts">
        <dt>${t('letter.where')}</dt><dd class="letter-address">${address}</dd>
        <dt>${t('letter.login')}</dt><dd class="letter-login">${letter.login}</dd>
        <dt>${t('letter.password')}</dt><dd class="letter-password">${letter.password}</dd>
      </dl>
      <p>${t('letter.change')}</p>
      <div class="no-print">
        <button class="primary" @click=${() => window.print()}>${t('letter.print')}</button>
        <a href="#/admin">${t('letter.back')}</a>
      </div>
    </article>`;
}
