// Home: the zones the cooperative enabled; a zone's screen; the profile.
import { html } from '/vendor/lit-html/lit-html.js';
import { t } from '../i18n.js';
import { passwordView } from './steps.js';
import { financeView, premisesView } from './finance.js';
import { membershipView, loansView } from './membership.js';
import { announcementsView } from './announcements.js';
import { faultsView } from './faults.js';
import { correspondenceView } from './correspondence.js';
import { metersView } from './meters.js';
import { contactSection } from './profile.js';

export function homeView(app) {
  const zones = app.cooperative?.zones ?? [];
  return html`
    <section aria-labelledby="home-title">
      <h1 id="home-title">${t('home.title')}</h1>
      <p class="muted">${app.cooperative?.name ?? ''}</p>
      <h2>${t('home.zones')}</h2>
      <ul class="zones">
        ${zones.map((zone) => html`
          <li>
            <a class="zone" href="#/zone/${zone}" data-zone=${zone}>
              <span class="zone-name">${t(`zone.${zone}`)}</span>
              <span class="zone-about">${t(`zone.${zone}.about`)}</span>
            </a>
          </li>`)}
      </ul>
      ${zones.some((z) => z.startsWith('community-')) ? html`
        <p><a class="zone" href="#/community" data-zone="community">
          <span class="zone-name">${t('community.title')}</span>
          <span class="zone-about">${t('community.about')}</span></a></p>` : ''}
    </section>`;
}

export function zoneView(app, zone) {
  const enabled = (app.cooperative?.zones ?? []).includes(zone);
  if (!enabled) return homeView(app);
  if (zone === 'finance' || zone === 'community-finance') return financeView(app, zone);
  if (zone === 'premises') return premisesView(app);
  if (zone === 'membership') return membershipView(app);
  if (zone === 'announcements' || zone === 'community-announcements') return announcementsView(app, zone);
  if (zone === 'faults') return faultsView(app);
  if (zone === 'correspondence') return correspondenceView(app);
  if (zone === 'meters') return metersView(app);
  if (zone === 'loans') return loansView(app);
  return html`
    <section class="card" aria-labelledby="zone-title">
      <h1 id="zone-title">${t(`zone.${zone}`)}</h1>
      <p>${t(`zone.${zone}.about`)}</p>
      <p class="muted">${t('zone.soon')}</p>
      <p><a href="#/">${t('zone.back')}</a></p>
    </section>`;
}

export function profileView(app) {
  const me = app.me;
  return html`
    <section class="card" aria-labelledby="profile-title">
      <h1 id="profile-title">${t('profile.title')}</h1>
      <dl class="facts">
        <dt>${t('profile.login')}</dt><dd>${me.login}</dd>
        <dt>${t('profile.cooperative')}</dt><dd>${app.cooperative?.name ?? me.cooperative}</dd>
        <dt>${t('profile.role')}</dt><dd>${me.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
      </dl>
    </section>
    ${contactSection(app)}
    ${passwordView(app, false)}`;
}
