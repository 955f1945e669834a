{{%AUTOESCAPE context="HTML"}}
{{! The opt-in page, step 2 (cgi-bin/public/optin.c). Keys: ACTION (the code form's path), BACK (step 1), PHONE (where the code went), ERROR (tmpl_set_shown), FORM (section: hidden once the code cannot be used any more); CSRF from the layout. }}
<p class="pub-lead">We texted a 6-digit code to <strong class="nowrap">{{PHONE}}</strong>. It is valid for 10 minutes.</p>
{{#ERROR}}
<div class="alert alert-error" role="alert">{{ERROR}}</div>
{{/ERROR}}
{{#FORM}}
<form class="form optin-form" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="optin-code">Code</label>
    <input id="optin-code" class="code-input" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
  </div>
  <button class="btn btn-primary btn-block" type="submit">Confirm</button>
</form>
{{/FORM}}
<p class="pub-detail"><a href="{{BACK}}">Use a different number or get a new code</a></p>
