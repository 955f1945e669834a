{{%AUTOESCAPE context="HTML"}}
{{! The opt-in email's HTML part (src/optin.c). Keys: BRAND_NAME, BRAND_COLOR (#rrggbb, checked), FIRST_NAME, LINK (the opt-in page), SUPPORT (section + value, optional). Mail clients ignore stylesheets: styles are inline here, the one template where they are. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{BRAND_NAME}} would like to text you</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border-radius:8px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827;">
<tr><td style="padding:20px 24px;border-bottom:4px solid {{BRAND_COLOR}};font-size:18px;font-weight:700;">{{BRAND_NAME}}</td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:1.5;">
<p style="margin:0 0 16px;">Hi {{FIRST_NAME}},</p>
<p style="margin:0 0 16px;">{{BRAND_NAME}} would like to send you text messages about your application: interview scheduling and updates from your recruiter.</p>
<p style="margin:0 0 24px;">To agree, confirm your mobile number on the next page. We will text you a code to check it.</p>
<p style="margin:0 0 24px;text-align:center;"><a href="{{LINK}}" style="display:inline-block;padding:12px 28px;background:{{BRAND_COLOR}};color:#ffffff;text-decoration: none;border-radius:6px;font-weight:600;">Opt in to texts</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#4b5563;">Or open this link: <a href="{{LINK}}" style="color:#1d4ed8;word-break:break-all;">{{LINK}}</a></p>
<p style="margin:0;font-size:13px;color:#6b7280;">Message frequency varies. Msg &amp; data rates may apply. Reply STOP to any text to opt out, HELP for help.{{#SUPPORT}} Questions: {{SUPPORT}}.{{/SUPPORT}} If you did not expect this email, you can ignore it.</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
