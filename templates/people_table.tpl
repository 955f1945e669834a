{{%AUTOESCAPE context="HTML"}}
{{! A table of people (src/ptable.c). Rows ROWS: PERSON_ID, NAME, KIND, EMAIL/PHONE/OWNER (section + value), CREATED, CONSENT, CONSENT_LABEL, CONSENT_OK or CONSENT_NO (sections), STAGE (section + value, with HAS_STAGE), ACTION (section: REMOVE_URL, REMOVE_LABEL, with HAS_ACTIONS). Table-level: HAS_STAGE, HAS_ACTIONS (sections), CSRF. }}
<div class="table-wrap">
<table class="table people-table">
  <thead>
    <tr>
      <th scope="col">Name</th>
      <th scope="col">Email</th>
      <th scope="col">Mobile</th>
{{#HAS_STAGE}}
      <th scope="col">Stage</th>
{{/HAS_STAGE}}
      <th scope="col">Owner</th>
      <th scope="col">Added</th>
      <th scope="col"><span class="sms-head">SMS</span></th>
{{#HAS_ACTIONS}}
      <th scope="col"><span class="visually-hidden">Actions</span></th>
{{/HAS_ACTIONS}}
    </tr>
  </thead>
  <tbody>
{{#ROWS}}
    <tr>
      <td class="person-cell"><a class="person-link" href="/people/{{PERSON_ID}}">{{NAME}}</a>{{#PROSPECT}} <span class="tag">Prospect</span>{{/PROSPECT}}</td>
      <td class="cell-email">{{#EMAIL}}{{EMAIL}}{{/EMAIL}}</td>
      <td class="cell-phone nowrap">{{#PHONE}}{{PHONE}}{{/PHONE}}</td>
{{#HAS_STAGE}}
      <td>{{#STAGE}}{{STAGE}}{{/STAGE}}</td>
{{/HAS_STAGE}}
      <td>{{#OWNER}}{{OWNER}}{{/OWNER}}</td>
      <td class="nowrap">{{CREATED}}</td>
      <td class="cell-sms">{{#CONSENT_OK}}<span class="sms-mark sms-yes" data-consent="{{CONSENT}}" title="{{CONSENT_LABEL}}"><span aria-hidden="true">&#x2713;</span><span class="visually-hidden">{{CONSENT_LABEL}}</span></span>{{/CONSENT_OK}}{{#CONSENT_NO}}<span class="sms-mark sms-no" data-consent="{{CONSENT}}" title="{{CONSENT_LABEL}}"><span aria-hidden="true">&#x2715;</span><span class="visually-hidden">{{CONSENT_LABEL}}</span></span>{{/CONSENT_NO}}</td>
{{#HAS_ACTIONS}}
      <td class="cell-actions">{{#ACTION}}<form method="post" action="{{REMOVE_URL}}"><input type="hidden" name="csrf" value="{{CSRF}}"><button class="btn btn-quiet btn-small" type="submit">{{REMOVE_LABEL}}</button></form>{{/ACTION}}</td>
{{/HAS_ACTIONS}}
    </tr>
{{/ROWS}}
  </tbody>
</table>
</div>
