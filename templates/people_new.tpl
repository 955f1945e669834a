{{%AUTOESCAPE context="HTML"}}
{{! Add Person (cgi-bin/crm/people_add.c). Keys: FIRST_NAME, LAST_NAME, EMAIL, PHONE (what was typed), SEL_CANDIDATE / SEL_PROSPECT (sections), ERROR (section + value), DUPS (section) with TABLE (people_table.tpl: who already holds the email or phone). }}
<p class="page-lead"><a href="/people">&larr; People</a> &middot; Several at once? <a href="/people/upload">Upload a spreadsheet</a>.</p>
{{#ERROR}}
<div class="alert alert-error" role="alert">{{ERROR}}</div>
{{/ERROR}}
{{#DUPS}}
<section class="panel dup-panel" aria-labelledby="dup-title">
  <div class="panel-head"><h2 id="dup-title">Already in Loop</h2></div>
{{>TABLE}}
</section>
{{/DUPS}}
<section class="panel form-panel">
  <form class="form panel-body" method="post" action="/people">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <div class="field-row">
      <div class="field">
        <label for="p-first">First name</label>
        <input id="p-first" name="first_name" type="text" value="{{FIRST_NAME}}" maxlength="100" autocomplete="off" required>
      </div>
      <div class="field">
        <label for="p-last">Last name</label>
        <input id="p-last" name="last_name" type="text" value="{{LAST_NAME}}" maxlength="100" autocomplete="off" required>
      </div>
    </div>
    <div class="field">
      <label for="p-email">Email</label>
      <input id="p-email" name="email" type="email" value="{{EMAIL}}" maxlength="254" autocomplete="off" inputmode="email" autocapitalize="none" spellcheck="false">
    </div>
    <div class="field">
      <label for="p-phone">Mobile phone</label>
      <input id="p-phone" name="phone" type="tel" value="{{PHONE}}" maxlength="16" autocomplete="off" aria-describedby="p-phone-help">
      <p class="field-help" id="p-phone-help">In E.164 form: a plus, the country code and the number, with no spaces or dashes, like +12025550146.</p>
    </div>
    <div class="field">
      <label for="p-type">Record type</label>
      <select id="p-type" name="type">
        <option value="candidate"{{#SEL_CANDIDATE}} selected{{/SEL_CANDIDATE}}>Candidate</option>
        <option value="prospect"{{#SEL_PROSPECT}} selected{{/SEL_PROSPECT}}>Prospect</option>
      </select>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">Add person</button>
      <a class="btn btn-quiet" href="/people">Cancel</a>
    </div>
  </form>
</section>
