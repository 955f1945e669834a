{{%AUTOESCAPE context="HTML"}}
{{! One requisition (cgi-bin/crm/jobs.c); the h1 is the job's name. Keys: JOB_ID, REQ_ID and STATUS (sections + values), APPLICANTS, PINNED / UNPINNED, HAS_PEOPLE (section) with TABLE (people_table.tpl with a Stage column), NO_PEOPLE, NEXT (section: NEXT_CURSOR). }}
<div class="person-head">
  <p class="person-meta">{{#REQ_ID}}Requisition {{REQ_ID}} &middot; {{/REQ_ID}}{{#STATUS}}<span class="tag tag-{{STATUS}}">{{STATUS}}</span> &middot; {{/STATUS}}{{APPLICANTS}} applicants &middot; <a href="/jobs">All requisitions</a></p>
  <div class="person-actions">
{{#UNPINNED}}
    <form method="post" action="/jobs/{{JOB_ID}}/pin">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="pin" value="yes">
      <button class="btn btn-small" type="submit">Pin to dashboard</button>
    </form>
{{/UNPINNED}}
{{#PINNED}}
    <form method="post" action="/jobs/{{JOB_ID}}/pin">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="pin" value="no">
      <button class="btn btn-small" type="submit" aria-pressed="true">Pinned &middot; Unpin</button>
    </form>
{{/PINNED}}
  </div>
</div>
{{#HAS_PEOPLE}}
<section class="panel" aria-label="Applicants">
{{>TABLE}}
</section>
{{/HAS_PEOPLE}}
{{#NO_PEOPLE}}
<section class="panel">
  <div class="empty">
    <p class="empty-title">No applicants yet</p>
  </div>
</section>
{{/NO_PEOPLE}}
<nav class="pager" aria-label="Pages">
{{#NEXT}}
  <a class="btn btn-small" rel="next" href="/jobs/{{JOB_ID}}?cursor={{NEXT_CURSOR}}">Next</a>
{{/NEXT}}
</nav>
