{{%AUTOESCAPE context="HTML"}}
{{! A person's texts and the chat box (cgi-bin/crm/consent.c). Keys: PERSON_ID, PHONE (section + value), NO_PHONE (section), MESSAGING (include: person_messaging.tpl), MESSAGE rows (MID, DIRECTION in|out, WHO, LINE rows of LINE_TEXT (the body line by line), STATUS, STATUS_LABEL, TIME, TIME_ISO, ERROR section + value, FLAG_OPEN section, FLAG_DONE section + value), NO_MESSAGES (section), DRAFT (the chat box's text); CSRF from the layout. }}
<div class="chat-head">
{{#PHONE}}
  <p class="chat-phone">Texts go to <strong class="nowrap">{{PHONE}}</strong></p>
{{/PHONE}}
{{#NO_PHONE}}
  <p class="chat-phone">No mobile number on file.</p>
{{/NO_PHONE}}
{{>MESSAGING}}
</div>
<section class="panel chat" aria-label="Messages">
{{#NO_MESSAGES}}
  <div class="empty">
    <p class="empty-title">No messages yet</p>
    <p class="empty-text">Texts to and from this person show up here.</p>
  </div>
{{/NO_MESSAGES}}
  <ol class="thread">
{{#MESSAGE}}
    <li class="msg msg-{{DIRECTION}}" id="m{{MID}}">
      <div class="msg-bubble">{{#LINE}}{{LINE_TEXT}}{{#LINE_separator}}<br>{{/LINE_separator}}{{/LINE}}</div>
      <div class="msg-meta">{{WHO}} · <time datetime="{{TIME_ISO}}">{{TIME}} UTC</time> · <span class="msg-status msg-status-{{STATUS}}">{{STATUS_LABEL}}</span></div>
{{#ERROR}}
      <div class="msg-error">{{ERROR}}</div>
{{/ERROR}}
{{#FLAG_OPEN}}
      <form class="msg-flag" method="post" action="/people/{{PERSON_ID}}/messages/{{MID}}/flag">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <p>This reply may mean they want no more texts. Is it an opt-out?</p>
        <button class="btn btn-small" name="settle" value="opt_out" type="submit">Yes, stop texting them</button>
        <button class="btn btn-small btn-quiet" name="settle" value="not_opt_out" type="submit">No</button>
      </form>
{{/FLAG_OPEN}}
{{#FLAG_DONE}}
      <div class="msg-flag-done">{{FLAG_DONE}}</div>
{{/FLAG_DONE}}
    </li>
{{/MESSAGE}}
  </ol>
  <form class="chat-box" method="post" action="/people/{{PERSON_ID}}/chat">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="chat-body">Message</label>
    <textarea id="chat-body" name="body" maxlength="1600" rows="4" required>{{DRAFT}}</textarea>
    <button class="btn btn-primary" type="submit">Send</button>
  </form>
</section>
