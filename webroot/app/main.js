// The IOK browser application: one page, views chosen by the address's #fragment, state from the API.
import { html, render, nothing } from '/vendor/lit-html/lit-html.js';
import { t, languages, currentLanguage, setLanguage } from './i18n.js';
import { get, post } from './api.js';
import { connect } from './live.js';
import { signInView } from './views/signin.js';
import { passwordView, regulationsView, forgetRegulations } from './views/steps.js';
import { homeView, zoneView, profileView } from './views/home.js';
import { adminView, letterView } from './views/admin.js';
import { auditView } from './views/audit.js';
import { ledgerView, forgetFinance } from './views/finance.js';
import { forgetAnnouncements } from './views/announcements.js';
import { forgetFaults } from './views/faults.js';
import { forgetCorrespondence } from './views/correspondence.js';
import { forgetMeters } from './views/meters.js';
import { forgetMetersAdmin } from './views/metersAdmin.js';
import { paymentsView, forgetPayments } from './views/payments.js';
import { communityView, forgetCommunity } from './views/community.js';
import { zonesChanged } from './views/zones.js';

const root = document.getElementById('app');

/** Everything the views read; views change it through `app` and call `app.update()`. */
export const app = {
  me: null,            // GET /api/me, or null when signed out
  cooperative: null,   // GET /api/cooperative of the signed-in person
  cooperatives: [],    // GET /api/cooperatives, for signing in
  entryCooperative: cooperativeFromPath(),
  notifications: [],
  liveState: 'off',
  flash: null,         // { kind: 'ok' | 'error', text }
  letter: null,        // the first-login letter being shown
  live: null,

  update() {
    render(shell(route()), root);
  },

  go(hash) {
    if (location.hash === hash) this.update();
    else location.hash = hash;
  },

  say(kind, text) {
    this.flash = { kind, text };
    this.update();
  },

  async refreshSession() {
    try {
      this.me = await get('/api/me');
      this.cooperative = await get('/api/cooperative');
      this.startLive();
    } catch (failure) {
      if (failure.status !== 401) throw failure;
      this.signedOut();
    }
  },

  signedOut() {
    this.me = null;
    this.cooperative = null;
    this.live?.close();
    this.live = null;
    this.liveState = 'off';
    this.notifications = [];
  },

  startLive() {
    if (this.live) return;
    this.live = connect({
      onMessage: (message) => {
        // a resident is not told, in the panel, of what happens in a zone the cooperative has suspended
        const zone = zoneOf(message);
        const hidden = zone && this.me?.roles.includes('resident') && !(this.cooperative?.zones ?? []).includes(zone);
        if (!hidden) this.notifications = [message, ...this.notifications].slice(0, 20);
        if (message.event === 'cooperative.zones-changed' && this.cooperative) {
          // the cooperative enabled or suspended zones: menus follow now, and what a zone showed is read afresh
          this.cooperative = { ...this.cooperative, zones: message.data.zones ?? [] };
          zonesChanged(this.cooperative.zones);
          forgetFinance(this);
          forgetAnnouncements(this);
        }
        if (message.event === 'finance.balance-changed') forgetFinance(this);
        if (message.event === 'payment.status-changed') forgetPayments(this);
        if (message.event === 'announcement.published') forgetAnnouncements(this);
        if (message.event.startsWith('fault.') || message.event.startsWith('repair.')) forgetFaults(this);
        if (message.event.startsWith('correspondence.')) forgetCorrespondence(this);
        if (message.event.startsWith('resolution.') || message.event.startsWith('community-')) forgetCommunity(this);
        if (message.event.startsWith('reading.')) {
          forgetMeters(this);
          forgetMetersAdmin(this);
        }
        if (message.event === 'regulations.published' && this.me?.roles.includes('resident')) {
          this.me = { ...this.me, mustAcceptRegulations: true };
          forgetRegulations();
          this.flash = { kind: 'info', text: t('regulations.changed') };
        }
        this.update();
      },
      onState: (state) => {
        this.liveState = state;
        this.update();
      },
      onEnded: async (reopen) => {
        // refused: either the session ended (sign in again) or the server was away (try again)
        try {
          this.me = await get('/api/me');
          reopen();
        } catch (failure) {
          if (failure.status === 401) {
            this.signedOut();
            this.go('#/signin');
          } else {
            reopen();
          }
        }
      },
    });
  },

  async signOut() {
    try {
      await post('/api/auth/logout');
    } finally {
      this.signedOut();
      this.go('#/signin');
    }
  },
};

/** The zone a live message is about, when it belongs to one the cooperative can suspend. */
function zoneOf(message) {
  const type = message.event;
  if (type === 'announcement.published') {
    return message.data?.scope === 'community' ? 'community-announcements' : 'announcements';
  }
  if (type.startsWith('fault.') || type.startsWith('repair.')) return 'faults';
  if (type.startsWith('correspondence.')) return 'correspondence';
  if (type.startsWith('reading.')) return 'meters';
  if (type.startsWith('payment.')) return 'payments';
  return null;
}

function cooperativeFromPath() {
  const match = location.pathname.match(/^\/([a-z0-9][a-z0-9-]{1,39})\/$/);
  return match ? match[1] : null;
}

/** Which view the address asks for, after the forced first-login steps and the role have had their say. */
function route() {
  const [first = '', second] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (!app.me) return signInView(app);
  if (app.me.mustChangePassword) return passwordView(app, true);
  if (app.me.mustAcceptRegulations) return regulationsView(app);
  const roles = app.me.roles;
  switch (first) {
    case 'zone': return zoneView(app, second);
    case 'ledger': return ledgerView(app, second);
    case 'payments': return paymentsView(app, second);
    case 'profile': return profileView(app);
    case 'community': return communityView(app, second);
    case 'admin': return roles.includes('admin') ? (second === 'letter' ? letterView(app) : adminView(app)) : homeView(app);
    case 'audit': return roles.includes('auditor') ? auditView(app, second) : homeView(app);
    default: return homeView(app);
  }
}

function shell(view) {
  const me = app.me;
  const roles = me?.roles ?? [];
  const flash = app.flash;
  return html`
    <a class="skip" href="#main" @click=${focusMain}>${t('app.skip')}</a>
    <header class="top">
      <div class="brand">
        <span class="logo" aria-hidden="true">IOK</span>
        <span class="brand-name">${app.cooperative?.name ?? t('app.name')}</span>
      </div>
      <div class="top-tools">
        <label class="language">
          <span class="visually-hidden">${t('app.language')}</span>
          <select @change=${(e) => { setLanguage(e.target.value); app.update(); }}>
            ${languages.map((l) => html`<option value=${l} ?selected=${l === currentLanguage()}>${t(`app.language.${l}`)}</option>`)}
          </select>
        </label>
        ${me ? html`<button class="link" @click=${() => app.signOut()}>${t('nav.signOut')}</button>` : nothing}
      </div>
    </header>
    ${me && !me.mustChangePassword && !me.mustAcceptRegulations ? html`
      <nav class="main-nav" aria-label=${t('nav.main')}>
        <a href="#/" aria-current=${ariaCurrent('')}>${t('nav.home')}</a>
        <a href="#/profile" aria-current=${ariaCurrent('profile')}>${t('nav.profile')}</a>
        ${roles.includes('admin') ? html`<a href="#/admin" aria-current=${ariaCurrent('admin')}>${t('nav.admin')}</a>` : nothing}
        ${roles.includes('auditor') ? html`<a href="#/audit" aria-current=${ariaCurrent('audit')}>${t('nav.audit')}</a>` : nothing}
      </nav>` : nothing}
    <div class="layout ${me ? 'with-aside' : ''}">
      <main id="main" tabindex="-1">
        ${flash ? html`<p class="flash ${flash.kind}" role=${flash.kind === 'error' ? 'alert' : 'status'}>${flash.text}</p>` : nothing}
        ${view}
      </main>
      ${me ? notificationsPanel() : nothing}
    </div>
    <footer class="bottom">${me ? t('app.signedInAs', { login: me.login }) : t('app.name')}</footer>`;
}

function notificationsPanel() {
  return html`
    <aside class="notifications" aria-labelledby="live-title">
      <h2 id="live-title">${t('live.title')}</h2>
      <p class="live-state">${app.liveState === 'connected' ? t('live.connected')
        : app.liveState === 'reconnecting' ? t('live.reconnecting') : nothing}</p>
      <ul class="live-list" aria-live="polite">
        ${app.notifications.length === 0 ? html`<li class="muted">${t('live.none')}</li>`
          : app.notifications.map((n) => html`<li data-event=${n.event}>${describe(n)}</li>`)}
      </ul>
    </aside>`;
}

function describe(message) {
  const key = `live.${message.event}`;
  const text = t(key, message.data);
  return text === key ? t('live.other', { event: message.event }) : text;
}

function ariaCurrent(section) {
  const current = location.hash.replace(/^#\/?/, '').split('/')[0];
  return current === section ? 'page' : 'false';
}

function focusMain(event) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

window.addEventListener('hashchange', () => {
  app.flash = null;
  app.update();
  document.getElementById('main')?.focus();
});

async function start() {
  render(html`<p class="loading">${t('app.loading')}</p>`, root);
  try {
    app.cooperatives = (await get('/api/cooperatives')).cooperatives;
    await app.refreshSession();
  } catch {
    app.flash = { kind: 'error', text: t('app.unavailable') };
  }
  app.update();
}

start();
