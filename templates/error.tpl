{{%AUTOESCAPE context="HTML"}}
{{! Error page body. Keys: STATUS (e.g. 404), MESSAGE (what went wrong, for a person). }}
<div class="error-page">
  <p class="error-status">Error {{STATUS}}</p>
  <p class="error-message">{{MESSAGE}}</p>
  <p><a class="btn btn-primary" href="/">Go to the home page</a></p>
</div>
