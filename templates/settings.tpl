{{%AUTOESCAPE context="HTML"}}
{{! Notification settings (cgi-bin/crm/settings.c). Keys: EVENTS (rows: EVENT, EVENT_LABEL, CRM_ON / EMAIL_ON / SMS_ON sections when ticked). }}
<p class="page-lead"><a href="/">&larr; Dashboard</a></p>
<section class="panel form-panel" aria-labelledby="notify-title">
  <div class="panel-head"><h2 id="notify-title">Notify me when</h2></div>
  <form class="form panel-body" method="post" action="/settings">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p class="muted">About people you own or pinned, and people in pools and requisitions you own or pinned.</p>
    <div class="table-wrap">
    <table class="table settings-table">
      <thead><tr><th scope="col">Event</th><th scope="col">In Loop</th><th scope="col">By email</th><th scope="col">By SMS</th></tr></thead>
      <tbody>
{{#EVENTS}}
        <tr>
          <th scope="row">{{EVENT_LABEL}}</th>
          <td><input type="checkbox" name="{{EVENT}}.crm" value="on" aria-label="{{EVENT_LABEL}}: in Loop"{{#CRM_ON}} checked{{/CRM_ON}}></td>
          <td><input type="checkbox" name="{{EVENT}}.email" value="on" aria-label="{{EVENT_LABEL}}: by email"{{#EMAIL_ON}} checked{{/EMAIL_ON}}></td>
          <td><input type="checkbox" name="{{EVENT}}.sms" value="on" aria-label="{{EVENT_LABEL}}: by SMS"{{#SMS_ON}} checked{{/SMS_ON}}></td>
        </tr>
{{/EVENTS}}
      </tbody>
    </table>
    </div>
    <p class="field-help">Email goes to the address you sign in with; SMS to the mobile number on your account.</p>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">Save</button>
    </div>
  </form>
</section>
