{{%AUTOESCAPE context="HTML"}}
{{! Add Multiple People (cgi-bin/crm/people_upload.c). Keys: SEL_CANDIDATE / SEL_PROSPECT (sections), ERROR (section + value: nothing was added), RESULT (section: FILE, ADDED, MERGED, REJECTED; HAS_REJECTED with rows REJECTS: ROW, REASON; HAS_MERGED with rows MERGES: ROW, PERSON_ID; TRUNCATED). }}
<p class="page-lead"><a href="/people">&larr; People</a> &middot; Just one? <a href="/people/new">Add a person</a>.</p>
{{#ERROR}}
<div class="alert alert-error" role="alert"><strong>Nothing was added.</strong> {{ERROR}}</div>
{{/ERROR}}
{{#RESULT}}
<section class="panel" aria-labelledby="result-title">
  <div class="panel-head"><h2 id="result-title">{{FILE}}</h2></div>
  <div class="panel-body">
    <ul class="stats" role="status">
      <li class="stat stat-ok"><span class="stat-num">{{ADDED}}</span> added</li>
      <li class="stat"><span class="stat-num">{{MERGED}}</span> merged into people already in Loop</li>
      <li class="stat stat-bad"><span class="stat-num">{{REJECTED}}</span> rejected</li>
    </ul>
    <p><a href="/people">See everyone in People</a></p>
{{#HAS_REJECTED}}
    <h3>Rejected rows</h3>
    <div class="table-wrap">
    <table class="table">
      <thead><tr><th scope="col">Row</th><th scope="col">Reason</th></tr></thead>
      <tbody>
{{#REJECTS}}
        <tr><td class="num">{{ROW}}</td><td>{{REASON}}</td></tr>
{{/REJECTS}}
      </tbody>
    </table>
    </div>
{{/HAS_REJECTED}}
{{#HAS_MERGED}}
    <h3>Merged rows</h3>
    <p class="muted">Someone in Loop already had the row's email or mobile number; any contact details they lacked were added to them.</p>
    <div class="table-wrap">
    <table class="table">
      <thead><tr><th scope="col">Row</th><th scope="col">Merged into</th></tr></thead>
      <tbody>
{{#MERGES}}
        <tr><td class="num">{{ROW}}</td><td><a href="/people/{{PERSON_ID}}">Person {{PERSON_ID}}</a></td></tr>
{{/MERGES}}
      </tbody>
    </table>
    </div>
{{/HAS_MERGED}}
{{#TRUNCATED}}
    <p class="muted">Only the first 1,000 rows of each kind are listed.</p>
{{/TRUNCATED}}
  </div>
</section>
{{/RESULT}}
<section class="panel form-panel" aria-labelledby="upload-title">
  <div class="panel-head"><h2 id="upload-title">Upload a spreadsheet</h2></div>
  <form class="form panel-body" method="post" action="/people/upload" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p>A <strong>.csv</strong>, <strong>.xls</strong> or <strong>.xlsx</strong> file of at most 5 MB and 10,000 rows. The first row names the columns <code>FirstName</code>, <code>LastName</code>, <code>Email</code> and <code>MobilePhone</code>; the mobile phone may be empty, and is in E.164 form (like +12025550146) when it is not. <a href="/static/samples/people-sample.csv" download>Download the sample file</a>.</p>
    <div class="field">
      <label for="u-file">Spreadsheet</label>
      <input id="u-file" name="file" type="file" accept=".csv,.xls,.xlsx,text/csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
    </div>
    <div class="field">
      <label for="u-type">Record type</label>
      <select id="u-type" name="type">
        <option value="candidate"{{#SEL_CANDIDATE}} selected{{/SEL_CANDIDATE}}>Candidates</option>
        <option value="prospect"{{#SEL_PROSPECT}} selected{{/SEL_PROSPECT}}>Prospects</option>
      </select>
    </div>
    <p class="field-help">Someone already in Loop with the same email or mobile number is not added twice: the row is merged into them.</p>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">Upload and add</button>
    </div>
  </form>
</section>
