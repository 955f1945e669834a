{{%AUTOESCAPE context="HTML"}}
{{! A short message to a candidate (confirmations, expired links, public errors). Keys: MESSAGE, DETAIL (optional, tmpl_set_shown). }}
<p class="pub-message">{{MESSAGE}}</p>
{{#DETAIL}}
<p class="pub-detail">{{DETAIL}}</p>
{{/DETAIL}}
