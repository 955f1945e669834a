{{%AUTOESCAPE context="HTML"}}
{{! Your account. Keys: USER_NAME, USER_EMAIL, TENANT_NAME, TENANT_SLUG, WEBHOOK_PATH. }}
<section class="panel" aria-labelledby="account-title">
  <div class="panel-head">
    <h2 id="account-title">Signed in as</h2>
  </div>
  <dl class="facts">
    <dt>Name</dt><dd>{{USER_NAME}}</dd>
    <dt>Email</dt><dd>{{USER_EMAIL}}</dd>
    <dt>Team</dt><dd>{{TENANT_NAME}} ({{TENANT_SLUG}})</dd>
    <dt>Greenhouse webhook</dt><dd><code>{{WEBHOOK_PATH}}</code></dd>
  </dl>
  <p><a href="/settings/notifications">Notification settings</a></p>
</section>
