{{%AUTOESCAPE context="HTML"}}
{{! The person page (cgi-bin/crm/people_view.c); the h1 is the name. Keys: PERSON_ID, KIND, SOURCE (how they came), CREATED, CREATED_ISO, GREENHOUSE (section: GREENHOUSE_ID), MESSAGING (include: person_messaging.tpl, consent.c), PINNED / UNPINNED (sections), EMAILS and PHONES (one row each, rows LINES: LINE), NO_EMAIL, NO_PHONE, COMPANY, JOB_TITLE, OWNER (sections + values), NO_OWNER, HAS_APPS (section) with APPS (rows: JOB_LINK (section: JOB_ID) or JOB_TEXT (section), JOB_NAME, STAGE, STATUS, APPLIED), NO_APPS, EVIDENCE (section: EVIDENCE_WHAT, EVIDENCE_HOW, EVIDENCE_AT, EVIDENCE_PHONE section + value), NO_EVIDENCE, POOLS_IN and POOL_CHOICES (rows: POOL_ID, POOL_NAME), NO_POOLS, HAS_CHOICES. }}
<div class="person-head">
  <p class="person-meta"><span class="tag tag-{{KIND}}">{{KIND}}</span>{{#GREENHOUSE}} <span class="muted">Greenhouse candidate {{GREENHOUSE_ID}}</span>{{/GREENHOUSE}}</p>
  <div class="person-actions">
{{>MESSAGING}}
{{#UNPINNED}}
    <form method="post" action="/people/{{PERSON_ID}}/pin">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="pin" value="yes">
      <button class="btn btn-small" type="submit">Pin to dashboard</button>
    </form>
{{/UNPINNED}}
{{#PINNED}}
    <form method="post" action="/people/{{PERSON_ID}}/pin">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="pin" value="no">
      <button class="btn btn-small" type="submit" aria-pressed="true">Pinned &middot; Unpin</button>
    </form>
{{/PINNED}}
  </div>
</div>
<div class="person-grid">
  <div class="person-main">
    <section class="panel" aria-labelledby="contact-title">
      <div class="panel-head"><h2 id="contact-title">Contact</h2></div>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{{#EMAILS}}{{#LINES}}<span class="fact-line">{{LINE}}</span>{{/LINES}}{{/EMAILS}}{{#NO_EMAIL}}<span class="muted">None</span>{{/NO_EMAIL}}</dd>
        <dt>Mobile</dt>
        <dd>{{#PHONES}}{{#LINES}}<span class="fact-line nowrap">{{LINE}}</span>{{/LINES}}{{/PHONES}}{{#NO_PHONE}}<span class="muted">None</span>{{/NO_PHONE}}</dd>
{{#COMPANY}}
        <dt>Company</dt>
        <dd>{{COMPANY}}</dd>
{{/COMPANY}}
{{#JOB_TITLE}}
        <dt>Title</dt>
        <dd>{{JOB_TITLE}}</dd>
{{/JOB_TITLE}}
        <dt>Owner</dt>
        <dd>{{#OWNER}}{{OWNER}}{{/OWNER}}{{#NO_OWNER}}<span class="muted">No one</span>{{/NO_OWNER}}</dd>
        <dt>Added</dt>
        <dd><time datetime="{{CREATED_ISO}}">{{CREATED}}</time> <span class="muted">&middot; {{SOURCE}}</span></dd>
      </dl>
    </section>
    <section class="panel" aria-labelledby="apps-title">
      <div class="panel-head"><h2 id="apps-title">Greenhouse applications</h2></div>
{{#NO_APPS}}
      <p class="panel-body muted">No applications in Greenhouse.</p>
{{/NO_APPS}}
{{#HAS_APPS}}
      <div class="table-wrap">
      <table class="table apps-table">
        <thead><tr><th scope="col">Job</th><th scope="col">Stage</th><th scope="col">Status</th><th scope="col">Applied</th></tr></thead>
        <tbody>
{{#APPS}}
          <tr>
            <td>{{#JOB_LINK}}<a href="/jobs/{{JOB_ID}}">{{JOB_NAME}}</a>{{/JOB_LINK}}{{#JOB_TEXT}}{{JOB_NAME}}{{/JOB_TEXT}}</td>
            <td>{{STAGE}}</td>
            <td>{{STATUS}}</td>
            <td class="nowrap">{{APPLIED}}</td>
          </tr>
{{/APPS}}
        </tbody>
      </table>
      </div>
{{/HAS_APPS}}
    </section>
  </div>
  <aside class="person-side">
    <section class="panel" aria-labelledby="consent-title">
      <div class="panel-head"><h2 id="consent-title">SMS consent</h2></div>
      <div class="panel-body">
{{#EVIDENCE}}
        <p class="evidence">{{EVIDENCE_WHAT}} {{EVIDENCE_HOW}}</p>
        <p class="muted evidence-when">{{EVIDENCE_AT}}{{#EVIDENCE_PHONE}} &middot; {{EVIDENCE_PHONE}}{{/EVIDENCE_PHONE}}</p>
{{/EVIDENCE}}
{{#NO_EVIDENCE}}
        <p class="muted">No consent recorded yet.</p>
{{/NO_EVIDENCE}}
      </div>
    </section>
    <section class="panel" aria-labelledby="pools-title">
      <div class="panel-head"><h2 id="pools-title">Pools</h2></div>
      <div class="panel-body">
{{#NO_POOLS}}
        <p class="muted">Not in any pool.</p>
{{/NO_POOLS}}
        <ul class="pool-list">
{{#POOLS_IN}}
          <li>
            <a href="/pools/{{POOL_ID}}">{{POOL_NAME}}</a>
            <form method="post" action="/pools/{{POOL_ID}}/members/{{PERSON_ID}}/remove">
              <input type="hidden" name="csrf" value="{{CSRF}}">
              <input type="hidden" name="back" value="person">
              <button class="btn btn-quiet btn-small" type="submit">Remove<span class="visually-hidden"> from {{POOL_NAME}}</span></button>
            </form>
          </li>
{{/POOLS_IN}}
        </ul>
        <form class="pool-add" method="post" action="/people/{{PERSON_ID}}/pools">
          <input type="hidden" name="csrf" value="{{CSRF}}">
{{#HAS_CHOICES}}
          <label for="pool-pick">Add to a pool</label>
          <div class="inline-field">
            <select id="pool-pick" name="pool">
{{#POOL_CHOICES}}
              <option value="{{POOL_ID}}">{{POOL_NAME}}</option>
{{/POOL_CHOICES}}
            </select>
            <button class="btn btn-small" type="submit">Add</button>
          </div>
{{/HAS_CHOICES}}
        </form>
        <form class="pool-add" method="post" action="/people/{{PERSON_ID}}/pools">
          <input type="hidden" name="csrf" value="{{CSRF}}">
          <label for="pool-new">New pool with this person</label>
          <div class="inline-field">
            <input id="pool-new" name="new_pool" type="text" maxlength="100" required placeholder="Pool name">
            <button class="btn btn-small" type="submit">Create</button>
          </div>
        </form>
      </div>
    </section>
  </aside>
</div>
