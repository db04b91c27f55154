import http.server
import threading

import pytest

from beian.compliance import icp_numbers
from beian.compliance.footer import check_footer, check_site, footer_html


@pytest.mark.parametrize(
    ("text", "province", "site"),
    [
        ("浙ICP备2026000001号", "浙江省", None),
        ("浙ICP备2026000001号-3", "浙江省", 3),
        ("京ICP备13052560号-1", "北京市", 1),
        ("蜀ICP备2026007879号-1", "四川省", 1),
        ("川ICP备09003078号", "四川省", None),
        ("陇ICP备2026009447号", "甘肃省", None),
        ("黔ICP备2026002901号-1", "贵州省", 1),
    ],
)
def test_parse_accepts_real_number_shapes(text, province, site):
    parsed = icp_numbers.parse(text)
    assert parsed is not None and parsed.province == province and parsed.site == site
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text", ["浙ICP备202600001号", "港ICP备2026000001号", "浙ICP备2026000001号-0", "浙ICP证110507号", "浙ICP备2026000001"]
)
def test_parse_refuses_malformed_numbers(text):
    assert icp_numbers.parse(text) is None


def test_generated_footer_passes_its_own_check():
    number = "浙ICP备2026000001号-1"
    html = "<html><body><p>内容</p>" + footer_html(number, copyright_holder="杭州示例科技有限公司") + "</body></html>"
    assert check_footer(html, number=number).ok
    assert "版权所有" in html


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ("<footer>浙ICP备2026000002号-1</footer>", "FOOTER_NUMBER_MISSING"),
        ("<footer>浙ICP备2026000001号-1</footer>", "FOOTER_NOT_LINKED"),
        ('<footer><a href="https://example.com/">浙ICP备2026000001号-1</a></footer>', "FOOTER_NOT_LINKED"),
        ('<footer><a href="https://beian.miit.gov.cn.evil.com/">浙ICP备2026000001号-1</a></footer>', "FOOTER_NOT_LINKED"),
    ],
)
def test_footer_problems_are_named(html, code):
    result = check_footer(html, number="浙ICP备2026000001号-1")
    assert not result.ok and result.issues[0]["code"] == code


def test_subject_number_alone_is_accepted_for_a_site_number():
    html = '<a href="https://beian.miit.gov.cn/">粤ICP备2026000001号</a>'
    assert check_footer(html, number="粤ICP备2026000001号-2").ok


def test_check_site_fetches_over_http_and_reports_unreachable_sites():
    number = "浙ICP备2026000001号-1"
    body = ("<html><body>" + footer_html(number) + "</body></html>").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert check_site(f"http://127.0.0.1:{server.server_port}/", number=number).ok
    finally:
        server.shutdown()
    down = check_site(f"http://127.0.0.1:{server.server_port}/", number=number, timeout=2)
    assert not down.ok and down.issues[0]["code"] == "FOOTER_FETCH_FAILED"
