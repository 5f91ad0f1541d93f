// Housing communities: the owner's documents and resolutions (vote from the phone), the administrator's drafting,
// opening, closing, paper votes and live tally. Weights are exact fractions from the server; the bars only show them.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { t, formatTime } from '../i18n.js';
import { get, post, api } from '../api.js';

let state = null;      // { communities, documents, resolutions }
let detail = null;     // { id, resolution, votes, roll }

/** Called on community and resolution messages: what is shown is read afresh. */
export function forgetCommunity(app) {
  state = null;
  if (detail) detail = { id: detail.id };
  app.update();
}

function load(app) {
  state = { loading: true };
  Promise.all([get('/api/communities'), get('/api/communities/documents'), get('/api/communities/resolutions')])
    .then(([c, d, r]) => { state = { communities: c.communities, documents: d.documents, resolutions: r.resolutions }; app.update(); })
    .catch((failure) => { state = { communities: [], documents: [], resolutions: [], problem: failure.code }; app.update(); });
}

function loadDetail(app, id, admin) {
  detail = { id, loading: true };
  Promise.all([get(`/api/communities/resolutions/${encodeURIComponent(id)}`),
    admin ? get(`/api/admin/communities/resolutions/${encodeURIComponent(id)}/roll`) : Promise.resolve(null)])
    .then(([resolution, roll]) => {
      if (detail?.id !== id) return;
      detail = { id, resolution, roll };
      app.update();
      // once the tally may be seen, so may the votes it adds up from: anyone entitled can check the count
      if (resolution.tally) {
        get(`/api/communities/resolutions/${encodeURIComponent(id)}/votes`)
          .then((v) => { if (detail?.id === id) { detail = { ...detail, votes: v.votes }; app.update(); } })
          .catch(() => {});
      }
    })
    .catch((failure) => { detail = { id, problem: failure.code }; app.update(); });
}

export function communityView(app, id) {
  const admin = app.me.roles.includes('admin');
  if (id) return resolutionView(app, id, admin);
  if (!state) load(app);
  if (state.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  return html`
    <section aria-labelledby="community-title">
      <h1 id="community-title">${t('community.title')}</h1>
      ${state.problem ? html`<p class="flash error" role="alert">${t('app.error', { code: state.problem })}</p>` : nothing}
      ${state.communities.length === 0 ? html`<p>${t('community.none')}</p>` : html`
        <p class="muted">${state.communities.map((c) => c.name).join(' · ')}</p>`}
      <h2>${t('community.resolutions')}</h2>
      ${state.resolutions.length === 0 ? html`<p>${t('community.noResolutions')}</p>` : html`
        <ul class="plain resolutions">${state.resolutions.map((r) => html`
          <li class="card resolution" data-resolution=${r.resolutionId}>
            <a href="#/community/${encodeURIComponent(r.resolutionId)}"><strong>${t('community.resolution', { number: r.number })}</strong>
              ${r.title}</a>
            <p class="muted">${r.community} · ${t(`community.status.${r.status}`)} ·
              ${t('community.closesAt', { at: formatTime(r.closesAt) })}
              ${r.status === 'closed' ? html` · <strong>${t(r.adopted ? 'community.adopted' : 'community.rejected')}</strong>` : nothing}</p>
          </li>`)}</ul>`}
      <h2>${t('community.documents')}</h2>
      ${state.documents.length === 0 ? html`<p>${t('community.noDocuments')}</p>` : html`
        <ul class="plain documents">${state.documents.map((d) => html`
          <li class="card document"><a href=${d.href} download=${d.fileName}>${d.title}</a>
            <p class="muted">${t(`community.kind.${d.kind}`)} · ${d.community} · ${formatTime(d.publishedAt)}</p></li>`)}</ul>`}
      ${admin ? adminForms(app) : nothing}
    </section>`;
}

function resolutionView(app, id, admin) {
  if (!detail || detail.id !== id || (!detail.loading && !detail.resolution && !detail.problem)) loadDetail(app, id, admin);
  if (detail.loading) return html`<p class="loading">${t('app.loading')}</p>`;
  if (detail.problem) return html`<p class="flash error" role="alert">${t('app.error', { code: detail.problem })}</p>`;
  const r = detail.resolution;
  return html`
    <section aria-labelledby="resolution-title" class="resolution-detail" data-resolution=${r.resolutionId}>
      <p><a href="#/community">${t('community.back')}</a></p>
      <h1 id="resolution-title">${t('community.resolution', { number: r.number })}: ${r.title}</h1>
      <p class="muted">${r.community} · ${t(`community.rule.${r.rule}`)} · <span class="resolution-status">${t(`community.status.${r.status}`)}</span>
        · ${t('community.closesAt', { at: formatTime(r.closesAt) })}</p>
      <p class="resolution-text">${r.text}</p>
      ${r.attachments.length ? html`<ul>${r.attachments.map((a) => html`<li><a href=${a.href}>${a.title}</a></li>`)}</ul>` : nothing}
      ${admin ? adminActions(app, r) : ownerVote(app, r)}
      ${r.tally ? tallyChart(r.tally, r.status) : html`<p class="muted">${t('community.tallyLater')}</p>`}
      ${detail.votes ? votesList(detail.votes) : nothing}
      ${admin && r.status === 'open' ? paperVote(app, r) : nothing}
    </section>`;
}

function ownerVote(app, r) {
  return html`
    <section class="card" aria-labelledby="vote-title">
      <h2 id="vote-title">${t('community.yourVote')}</h2>
      ${r.myVotes.length ? html`<ul class="my-votes">${r.myVotes.map((v) => html`
        <li>${t('community.premises', { number: v.premisesNumber })}: <strong>${t(`community.choice.${v.choice}`)}</strong>
          (${t('community.weight', { weight: v.weight })})</li>`)}</ul>` : html`<p>${t('community.notVoted')}</p>`}
      ${r.status === 'open' ? html`
        <div class="vote-buttons">
          ${['for', 'against', 'abstain'].map((choice) => html`
            <button class=${choice === 'for' ? 'primary' : ''} data-choice=${choice}
              @click=${() => vote(app, r, choice)}>${t(`community.vote.${choice}`)}</button>`)}
        </div>
        <p class="muted">${t('community.canChange')}</p>` : nothing}
    </section>`;
}

function tallyChart(tally, status) {
  const rows = ['for', 'against', 'abstain'];
  return html`
    <section class="card tally" aria-labelledby="tally-title">
      <h2 id="tally-title">${status === 'closed' ? t('community.result') : t('community.liveTally')}</h2>
      <dl class="bars">
        ${rows.map((k) => html`
          <dt>${t(`community.choice.${k}`)}</dt>
          <dd><progress max="100" value=${tally[`${k}Percent`]} aria-label=${t(`community.choice.${k}`)}></progress>
            <span class="tally-${k}">${tally[k]}</span> (${tally[`${k}Percent`]}%)</dd>`)}
      </dl>
      <p class="muted">${t('community.total', { total: tally.total, votes: tally.votes })}</p>
      <p><strong>${t(tally.adopted ? 'community.wouldPass' : 'community.wouldFail')}</strong>
        ${tally.matches === true ? html` · ${t('community.verified')}` : nothing}</p>
    </section>`;
}

/** Every counted vote with its weight: premises numbers for owners, names only where the community decided so. */
function votesList(votes) {
  const who = votes.some((v) => v.name || v.voter);
  const col = (key) => t(`community.votes.${key}`);
  return html`
    <section class="card" aria-labelledby="votes-title">
      <h2 id="votes-title">${t('community.votes')}</h2>
      ${votes.length === 0 ? html`<p>${t('community.votes.none')}</p>` : html`
        <div class="table-wrap"><table class="votes">
          <thead><tr><th scope="col">${col('premises')}</th>${who ? html`<th scope="col">${col('voter')}</th>` : nothing}
            <th scope="col">${col('choice')}</th><th scope="col">${col('weight')}</th>
            <th scope="col">${col('source')}</th><th scope="col">${col('at')}</th></tr></thead>
          <tbody>${votes.map((v) => html`<tr>
            <td data-label=${col('premises')}>${v.premisesNumber}</td>
            ${who ? html`<td data-label=${col('voter')}>${v.name ?? v.voter ?? '—'}</td>` : nothing}
            <td data-label=${col('choice')}>${t(`community.choice.${v.choice}`)}</td>
            <td data-label=${col('weight')}>${v.weight}</td>
            <td data-label=${col('source')}>${t(`community.source.${v.source}`)}</td>
            <td data-label=${col('at')}>${formatTime(v.castAt)}</td></tr>`)}</tbody>
        </table></div>`}
    </section>`;
}

function adminActions(app, r) {
  return html`<p class="admin-actions">
    ${r.status === 'draft' ? html`<button class="primary" @click=${() => act(app, r, 'open')}>${t('community.open')}</button>` : nothing}
    ${r.status === 'open' ? html`<button @click=${() => act(app, r, 'close')}>${t('community.close')}</button>` : nothing}
  </p>`;
}

function paperVote(app, r) {
  const roll = detail.roll?.premises ?? [];
  return html`
    <section class="card" aria-labelledby="paper-title">
      <h2 id="paper-title">${t('community.paper')}</h2>
      <form @submit=${(e) => enter(e, app, r)} novalidate>
        <div class="field"><label for="paper-premises">${t('community.paper.premises')}</label>
          <select id="paper-premises" name="owner">
            ${roll.flatMap((p) => (p.owners.length ? p.owners : [{ accountId: '', login: t('community.paper.outside') }])
              .map((o) => html`<option value=${`${p.premisesId}|${o.accountId}`}>${p.number} — ${o.login}</option>`))}
          </select></div>
        <div class="field"><label for="paper-choice">${t('community.paper.choice')}</label>
          <select id="paper-choice" name="choice">${['for', 'against', 'abstain'].map((c) => html`
            <option value=${c}>${t(`community.choice.${c}`)}</option>`)}</select></div>
        <div class="field"><label for="paper-source">${t('community.paper.source')}</label>
          <select id="paper-source" name="source"><option value="paper">${t('community.source.paper')}</option>
            <option value="meeting">${t('community.source.meeting')}</option></select></div>
        <button type="submit">${t('community.paper.submit')}</button>
      </form>
    </section>`;
}

function adminForms(app) {
  const names = state.communities.map((c) => c.name);
  return html`
    <section class="card" aria-labelledby="draft-title">
      <h2 id="draft-title">${t('community.draft')}</h2>
      <form @submit=${(e) => draft(e, app)} novalidate>
        <div class="field"><label for="draft-community">${t('community.community')}</label>
          <select id="draft-community" name="community">${names.map((n) => html`<option>${n}</option>`)}</select></div>
        <div class="field"><label for="draft-number">${t('community.number')}</label><input id="draft-number" name="number" required></div>
        <div class="field"><label for="draft-title-input">${t('community.titleField')}</label><input id="draft-title-input" name="title" required></div>
        <div class="field"><label for="draft-text">${t('community.text')}</label><textarea id="draft-text" name="text" rows="4" required></textarea></div>
        <div class="field"><label for="draft-rule">${t('community.ruleField')}</label>
          <select id="draft-rule" name="rule"><option value="shares">${t('community.rule.shares')}</option>
            <option value="owners">${t('community.rule.owners')}</option></select></div>
        <div class="field"><label for="draft-opens">${t('community.opensAt')}</label><input id="draft-opens" name="opensAt" type="datetime-local" required></div>
        <div class="field"><label for="draft-closes">${t('community.closesAtField')}</label><input id="draft-closes" name="closesAt" type="datetime-local" required></div>
        <div class="field"><label><input type="checkbox" name="live"> ${t('community.live')}</label></div>
        <div class="field"><label><input type="checkbox" name="names"> ${t('community.names')}</label></div>
        <button type="submit" class="primary">${t('community.draftSubmit')}</button>
      </form>
    </section>
    <section class="card" aria-labelledby="document-title">
      <h2 id="document-title">${t('community.publish')}</h2>
      <form @submit=${(e) => publish(e, app)} novalidate>
        <div class="field"><label for="doc-community">${t('community.community')}</label>
          <select id="doc-community" name="community">${names.map((n) => html`<option>${n}</option>`)}</select></div>
        <div class="field"><label for="doc-kind">${t('community.kindField')}</label>
          <select id="doc-kind" name="kind">${['financial-plan', 'annual-report', 'minutes', 'resolution', 'other'].map((k) => html`
            <option value=${k}>${t(`community.kind.${k}`)}</option>`)}</select></div>
        <div class="field"><label for="doc-title">${t('community.titleField')}</label><input id="doc-title" name="title" required></div>
        <div class="field"><label for="doc-file">${t('community.file')}</label><input id="doc-file" name="file" type="file" accept="application/pdf" required></div>
        <button type="submit">${t('community.publishSubmit')}</button>
      </form>
    </section>`;
}

/** A local date and time from the form, with this browser's offset, as the API wants it. */
function withOffset(local) {
  const d = new Date(local);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${local.length === 16 ? `${local}:00` : local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

async function run(app, work, done) {
  try {
    await work();
    if (done) app.say('ok', done);
    else app.update();
  } catch (failure) {
    app.say('error', `${t('app.error', { code: failure.code })} ${failure.message}`);
  }
}

function vote(app, r, choice) {
  run(app, async () => {
    await post(`/api/communities/resolutions/${encodeURIComponent(r.resolutionId)}/votes`, { choice });
    detail = { id: r.resolutionId };
  }, t('community.voted', { choice: t(`community.choice.${choice}`) }));
}

function act(app, r, what) {
  run(app, async () => {
    await post(`/api/admin/communities/resolutions/${encodeURIComponent(r.resolutionId)}/${what}`);
    detail = { id: r.resolutionId };
    state = null;
  }, t(`community.${what}.done`));
}

function enter(event, app, r) {
  event.preventDefault();
  const form = new FormData(event.target);
  const [premisesId, accountId] = String(form.get('owner')).split('|');
  const body = { premisesId, choice: form.get('choice'), source: form.get('source') };
  if (accountId) body.accountId = accountId;
  run(app, async () => {
    await post(`/api/admin/communities/resolutions/${encodeURIComponent(r.resolutionId)}/votes`, body);
    detail = { id: r.resolutionId };
  }, t('community.paper.done'));
}

function draft(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  run(app, async () => {
    const made = await post('/api/admin/communities/resolutions', {
      community: form.get('community'), number: form.get('number'), title: form.get('title'), text: form.get('text'),
      rule: form.get('rule'), opensAt: withOffset(form.get('opensAt')), closesAt: withOffset(form.get('closesAt')),
      ownersSeeLiveTally: form.get('live') === 'on',
      ownersSeeNames: form.get('names') === 'on',
    });
    state = null;
    app.go(`#/community/${encodeURIComponent(made.resolutionId)}`);
  }, t('community.drafted'));
}

function publish(event, app) {
  event.preventDefault();
  const form = new FormData(event.target);
  const data = new FormData();
  data.append('document', JSON.stringify({ community: form.get('community'), kind: form.get('kind'), title: form.get('title') }));
  data.append('file', form.get('file'));
  run(app, async () => {
    await api('POST', '/api/admin/communities/documents', data);
    event.target.reset();
    state = null;
  }, t('community.published'));
}
