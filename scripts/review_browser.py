#!/usr/bin/env python3
"""review_browser.py PAGE.html STEP… — open a page in headless Chromium and act on it as
a user would, over the browser's DevTools pipe (--remote-debugging-pipe): no network, no
driver to install, only Debian's `chromium`. For the review page's tests and `make
preview`.

Steps, in order:
  key:K          press key K (keyDown, then keyUp: a real key event through the browser's
                 input pipeline, which the page's listeners receive as a user's)
  eval:EXPR      print the JSON value of the JavaScript expression EXPR, one line
  shot:OUT.png   save what the window shows (1280x800) as PNG

Waits for the page to load and for its script to mark <body data-ready="1">. Exits 0,
or 1 with the reason (Chromium missing or failing, a step that failed, 60 s passed).
$CHROMIUM names the browser (default: chromium)."""
import base64
import json
import os
import select
import subprocess
import sys
import time

DEADLINE = time.time() + 60


class Browser:
    def __init__(self):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def pipes_as_3_and_4():  # copies first: one of them may be 3 or 4 already
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [os.environ.get("CHROMIUM", "chromium"), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--remote-debugging-pipe", "--window-size=1280,800", "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=pipes_as_3_and_4, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buf, self.next_id, self.events, self.session = b"", 0, [], None

    def read_message(self):
        while b"\0" not in self.buf:
            left = DEADLINE - time.time()
            if left <= 0 or not select.select([self.from_browser], [], [], left)[0]:
                raise RuntimeError("Chromium did not answer within 60 s")
            chunk = os.read(self.from_browser, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe (did it start?)")
            self.buf += chunk
        message, self.buf = self.buf.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method):
        while True:
            for k, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(k)
            self.events.append(self.read_message())

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def press(self, key):
        code = "Key" + key.upper() if len(key) == 1 and key.isalpha() else key
        common = {"key": key, "code": code, "windowsVirtualKeyCode": ord(key.upper()) if len(key) == 1 else 0}
        self.call("Input.dispatchKeyEvent", type="keyDown", text=key, unmodifiedText=key, **common)
        self.call("Input.dispatchKeyEvent", type="keyUp", **common)

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    page = "file://" + os.path.abspath(sys.argv[1])
    try:
        browser = Browser()
    except OSError as e:
        sys.exit(f"review_browser.py: cannot start Chromium: {e}")
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        browser.session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.call("Page.enable")
        browser.call("Page.navigate", url=page)
        browser.wait_event("Page.loadEventFired")
        while browser.evaluate("document.body && document.body.getAttribute('data-ready')") != "1":
            if time.time() > DEADLINE:
                raise RuntimeError("the page's script did not finish (no data-ready on <body>)")
            time.sleep(0.05)
        for step in sys.argv[2:]:
            kind, _, arg = step.partition(":")
            if kind == "key":
                browser.press(arg)
            elif kind == "eval":
                print(json.dumps(browser.evaluate(arg), ensure_ascii=False), flush=True)
            elif kind == "shot":
                png = browser.call("Page.captureScreenshot", format="png")["data"]
                with open(arg, "wb") as f:
                    f.write(base64.b64decode(png))
            else:
                raise RuntimeError(f"unknown step {step!r} (key:K, eval:EXPR or shot:FILE)")
    except RuntimeError as e:
        browser.close()
        sys.exit(f"review_browser.py: {e}")
    browser.close()


main()
