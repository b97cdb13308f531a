/** What the public sees before the first release exists (answered with 503 and Retry-After). */
export const unavailablePage = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thông tin đang được xây dựng</title>
<style>body{font:18px/1.6 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;color:#1a1a1a;background:#fff}main{max-width:36rem;padding:1.5rem;text-align:center}</style>
</head>
<body>
<main>
<h1>Cổng thông tin đang được xây dựng, vui lòng quay lại sau ít phút.</h1>
</main>
</body>
</html>
`;
