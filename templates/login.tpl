{{%AUTOESCAPE context="HTML"}}
{{! Sign-in form. Keys: CSRF (from the layout), EMAIL (kept after a failed try), ERROR (tmpl_set_shown). }}
{{#ERROR}}
<div class="alert alert-error" role="alert">{{ERROR}}</div>
{{/ERROR}}
<form class="form" method="post" action="/login">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="login-email">Email</label>
    <input id="login-email" name="email" type="email" value="{{EMAIL}}" autocomplete="username" inputmode="email" autocapitalize="none" spellcheck="false" maxlength="254" required autofocus>
  </div>
  <div class="field">
    <label for="login-password">Password</label>
    <input id="login-password" name="password" type="password" autocomplete="current-password" maxlength="1024" required>
  </div>
  <button class="btn btn-primary btn-block" type="submit">Sign in</button>
</form>
