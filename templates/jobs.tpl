{{%AUTOESCAPE context="HTML"}}
{{! Requisitions (cgi-bin/crm/jobs.c). Keys: HAS_JOBS (section) with JOBS (rows: JOB_ID, JOB_NAME, REQ_ID and STATUS (sections + values), APPLICANTS, PINNED / UNPINNED), NO_JOBS (section). }}
<p class="page-lead muted">The jobs in Greenhouse and the people who applied to them. Pin a requisition to follow its candidates from your dashboard.</p>
{{#HAS_JOBS}}
<section class="panel" aria-label="Requisitions">
  <div class="table-wrap">
  <table class="table">
    <thead><tr><th scope="col">Job</th><th scope="col">Requisition</th><th scope="col">Status</th><th scope="col" class="num">Applicants</th><th scope="col"><span class="visually-hidden">Pinned</span></th></tr></thead>
    <tbody>
{{#JOBS}}
      <tr>
        <td><a href="/jobs/{{JOB_ID}}">{{JOB_NAME}}</a></td>
        <td>{{#REQ_ID}}{{REQ_ID}}{{/REQ_ID}}</td>
        <td>{{#STATUS}}<span class="tag tag-{{STATUS}}">{{STATUS}}</span>{{/STATUS}}</td>
        <td class="num">{{APPLICANTS}}</td>
        <td>{{#PINNED}}<span class="tag">Pinned</span>{{/PINNED}}</td>
      </tr>
{{/JOBS}}
    </tbody>
  </table>
  </div>
</section>
{{/HAS_JOBS}}
{{#NO_JOBS}}
<section class="panel">
  <div class="empty">
    <p class="empty-title">No requisitions yet</p>
    <p class="empty-text">Jobs arrive from Greenhouse once its webhooks or the Harvest sync are set up for this account.</p>
  </div>
</section>
{{/NO_JOBS}}
