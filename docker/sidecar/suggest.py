"""A tiny client service that uses wordvec as its sidecar: GET /suggest?q=WORD answers the
five words nearest to WORD. It calls wordvec on localhost, so it needs no service discovery,
and it keeps wordvec's problem details (status and detail) when a word is unknown."""
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDVEC = os.environ.get("WORDVEC_URL", "http://localhost:8080")
PORT = int(os.environ.get("PORT", "8000"))


def nearest(word, k=5):
    url = f"{WORDVEC}/neighbors/{urllib.parse.quote(word, safe='')}?k={k}"
    with urllib.request.urlopen(url, timeout=5) as response:
        return [n["word"] for n in json.load(response)["neighbors"]]


class Suggest(BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        word = query.get("q", [""])[0]
        try:
            status, body = 200, {"query": word, "suggestions": nearest(word)}
        except urllib.error.HTTPError as e:
            status, body = e.code, json.load(e)
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", PORT), Suggest).serve_forever()
