{{%AUTOESCAPE context="HTML"}}
{{! Dashboard (cgi-bin/crm/dashboard.c). Keys: USER_FIRST_NAME (from the layout); UNREAD, HAS_UNREAD; HAS_NOTES (section) with NOTES (rows: NOTE, NOTE_AT, NOTE_LINK (section: PERSON_ID) or NOTE_TEXT, NOTE_UNREAD), NO_NOTES; HAS_PINS with PINS (rows: PERSON_ID, NAME, CONSENT_OK or CONSENT_NO, CONSENT_LABEL), NO_PINS; HAS_LISTS with LISTS (rows: LIST_KIND pools|jobs, LIST_ID, LIST_NAME, LIST_COUNT, LIST_WORD, LIST_TYPE), NO_LISTS; HAS_REPLIES with REPLIES (rows: PERSON_ID, NAME, BODY, AT), NO_REPLIES. Every section is hidden until shown, so with no keys only the welcome shows. }}
<h2 class="welcome">Welcome back, {{USER_FIRST_NAME}}</h2>
<div class="dash-grid">
<div class="dash-main">
<section class="panel" aria-labelledby="replies-title">
  <div class="panel-head">
    <h2 id="replies-title">Latest replies</h2>
  </div>
{{#HAS_REPLIES}}
  <ul class="feed">
{{#REPLIES}}
    <li class="feed-item">
      <a class="feed-who" href="/people/{{PERSON_ID}}/chat">{{NAME}}</a>
      <p class="feed-text">{{BODY}}</p>
      <p class="feed-when muted">{{AT}}</p>
    </li>
{{/REPLIES}}
  </ul>
{{/HAS_REPLIES}}
{{#NO_REPLIES}}
  <div class="empty empty-small">
    <p class="empty-text">Replies from candidates you own or pinned, or who are in pools and requisitions you own or pinned, show up here.</p>
  </div>
{{/NO_REPLIES}}
</section>
<section class="panel" aria-labelledby="pins-title">
  <div class="panel-head">
    <h2 id="pins-title">Pinned candidates</h2>
  </div>
{{#HAS_PINS}}
  <ul class="pin-list">
{{#PINS}}
    <li class="pin-item">
      <a href="/people/{{PERSON_ID}}">{{NAME}}</a>
      {{#CONSENT_OK}}<span class="sms-mark sms-yes" title="{{CONSENT_LABEL}}"><span aria-hidden="true">&#x2713;</span><span class="visually-hidden">{{CONSENT_LABEL}}</span></span>{{/CONSENT_OK}}{{#CONSENT_NO}}<span class="sms-mark sms-no" title="{{CONSENT_LABEL}}"><span aria-hidden="true">&#x2715;</span><span class="visually-hidden">{{CONSENT_LABEL}}</span></span>{{/CONSENT_NO}}
      <form class="pin-unpin" method="post" action="/people/{{PERSON_ID}}/pin">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <input type="hidden" name="pin" value="no">
        <input type="hidden" name="back" value="dashboard">
        <button class="btn btn-quiet btn-small" type="submit">Unpin<span class="visually-hidden"> {{NAME}}</span></button>
      </form>
    </li>
{{/PINS}}
  </ul>
{{/HAS_PINS}}
{{#NO_PINS}}
  <div class="empty">
    <img class="empty-icon" src="/static/img/empty-pins.svg" alt="" width="48" height="48">
    <p class="empty-title">No pinned candidates yet</p>
    <p class="empty-text">Candidates you pin will show up here, with their latest replies.</p>
  </div>
{{/NO_PINS}}
</section>
</div>
<div class="dash-side">
<section class="panel" aria-labelledby="notes-title">
  <div class="panel-head">
    <h2 id="notes-title">Notifications{{#HAS_UNREAD}} <span class="count-badge">{{UNREAD}} unread</span>{{/HAS_UNREAD}}</h2>
    <a class="panel-link" href="/settings">Settings</a>
  </div>
{{#HAS_NOTES}}
  <ul class="feed">
{{#NOTES}}
    <li class="feed-item{{#NOTE_UNREAD}} feed-unread{{/NOTE_UNREAD}}">
      {{#NOTE_LINK}}<a href="/people/{{PERSON_ID}}">{{NOTE}}</a>{{/NOTE_LINK}}{{#NOTE_TEXT}}<span>{{NOTE}}</span>{{/NOTE_TEXT}}
      <p class="feed-when muted">{{NOTE_AT}}</p>
    </li>
{{/NOTES}}
  </ul>
{{/HAS_NOTES}}
{{#HAS_UNREAD}}
  <form class="panel-foot" method="post" action="/notifications/read">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button class="btn btn-small" type="submit">Mark all as read</button>
  </form>
{{/HAS_UNREAD}}
{{#NO_NOTES}}
  <div class="empty empty-small">
    <p class="empty-text">No notifications. Choose what to hear about in <a href="/settings">settings</a>.</p>
  </div>
{{/NO_NOTES}}
</section>
<section class="panel" aria-labelledby="lists-title">
  <div class="panel-head">
    <h2 id="lists-title">Pinned pools and requisitions</h2>
  </div>
{{#HAS_LISTS}}
  <ul class="pin-list">
{{#LISTS}}
    <li class="pin-item"><a href="/{{LIST_KIND}}/{{LIST_ID}}">{{LIST_NAME}}</a> <span class="muted">{{LIST_TYPE}} &middot; {{LIST_COUNT}} {{LIST_WORD}}</span></li>
{{/LISTS}}
  </ul>
{{/HAS_LISTS}}
{{#NO_LISTS}}
  <div class="empty empty-small">
    <p class="empty-text">Pin a <a href="/pools">pool</a> or a <a href="/jobs">requisition</a> to keep it here.</p>
  </div>
{{/NO_LISTS}}
</section>
</div>
</div>
