{{%AUTOESCAPE context="HTML"}}
{{! The consent icon and the Messaging menu of a person (cgi-bin/crm/consent.c crm_messaging_panel; the person page includes it as MESSAGING). Works without JavaScript: the menus are details elements. Keys: PERSON_ID, CSRF, STATE (none, requested, granted, revoked), STATE_LABEL, STATE_ICON, PHONE (section + value), NO_PHONE (section). }}
<div class="messaging">
  <span class="consent-badge consent-{{STATE}}" data-consent="{{STATE}}"><span class="consent-icon" aria-hidden="true">{{STATE_ICON}}</span> {{STATE_LABEL}}</span>
  <details class="menu">
    <summary class="btn btn-small">Messaging</summary>
    <div class="menu-panel">
      <details class="menu-sub">
        <summary class="menu-item">Send Form</summary>
        <form method="post" action="/people/{{PERSON_ID}}/optin">
          <input type="hidden" name="csrf" value="{{CSRF}}">
          <button class="menu-item menu-item-sub" type="submit">SMS Opt In</button>
        </form>
      </details>
      <form method="post" action="/people/{{PERSON_ID}}/chat/optin-link">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button class="menu-item" type="submit">SMS Consent</button>
      </form>
      <a class="menu-item" href="/people/{{PERSON_ID}}/chat">Open chat</a>
    </div>
  </details>
</div>
