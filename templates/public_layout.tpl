{{%AUTOESCAPE context="HTML"}}
{{! The candidate-facing layout: see templates/README.md for its keys. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="theme-color" content="{{BRAND_COLOR}}">
<title>{{TITLE}} · {{BRAND_NAME}}</title>
<link rel="stylesheet" href="/static/css/loop.css">
<link rel="icon" href="/static/img/chat.svg" type="image/svg+xml">
<style nonce="{{STYLE_NONCE}}">:root { --brand: {{BRAND_COLOR}}; --brand-ink: {{BRAND_INK}}; }</style>
</head>
<body class="public">
<header class="pub-header">
  <div class="pub-header-inner">
{{#LOGO_URL}}
    <img class="pub-logo" src="{{LOGO_URL}}" alt="{{BRAND_NAME}}">
{{/LOGO_URL}}
{{#NO_LOGO}}
    <span class="pub-name">{{BRAND_NAME}}</span>
{{/NO_LOGO}}
  </div>
</header>
<main id="main" class="pub-main">
  <div class="pub-card">
{{#FLASH}}
    <div class="flash flash-{{FLASH_KIND}}" role="{{FLASH_ROLE}}">{{FLASH_TEXT}}</div>
{{/FLASH}}
    <h1 class="pub-title">{{TITLE}}</h1>
{{>BODY}}
  </div>
</main>
<footer class="pub-footer">
  <p>{{BRAND_NAME}} uses Loop to keep in touch with candidates.</p>
</footer>
</body>
</html>
