{{%AUTOESCAPE context="HTML"}}
{{! The opt-in page, step 1 (cgi-bin/public/optin.c). Keys: FIRST_NAME, ACTION (this page's path), PHONE (E.164 on file or as typed), WORDING (the consent text, as the ledger keeps it), VERSION, ERROR (tmpl_set_shown), SUPPORT (optional section + value); CSRF and BRAND_NAME from the layout. }}
<p class="pub-lead">Hi {{FIRST_NAME}}, {{BRAND_NAME}} would like to text you about your application: interview times, updates and messages from your recruiter.</p>
{{#ERROR}}
<div class="alert alert-error" role="alert">{{ERROR}}</div>
{{/ERROR}}
<form class="form optin-form" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="optin-phone">Your mobile number</label>
    <input id="optin-phone" name="phone" type="tel" value="{{PHONE}}" autocomplete="tel" inputmode="tel" maxlength="40" required aria-describedby="optin-phone-help">
    <p id="optin-phone-help" class="field-help">Check it and correct it if needed, with the country code (+1 for the US and Canada).</p>
  </div>
  <div class="consent-box">
    <input id="optin-agree" name="agree" type="checkbox" value="yes" required>
    <label for="optin-agree">{{WORDING}}</label>
  </div>
  <p class="consent-meta">Wording version {{VERSION}}. We will text you a 6-digit code to check the number.</p>
  <button class="btn btn-primary btn-block" type="submit">Text me a code</button>
</form>
{{#SUPPORT}}
<p class="pub-detail">Questions? {{SUPPORT}}</p>
{{/SUPPORT}}
