"""python -m beian manage create_api_key --email EMAIL --scopes a,b [--name N]: prints the key once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from beian.api import keys
from beian.api.models import SCOPES


class Command(BaseCommand):
    help = "创建 API 令牌（只显示一次）。权限：" + ", ".join(SCOPES)

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="账号的电子邮箱")
        parser.add_argument("--scopes", required=True, help="逗号分隔：" + ",".join(SCOPES))
        parser.add_argument("--name", default="命令行创建", help="令牌名称（1–60 个字符）")

    def handle(self, *args, email, scopes, name, **options):
        account = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
        if account is None:
            raise CommandError(f"没有使用该邮箱的有效账号：{email.strip()[:100]}")
        try:
            token, raw = keys.create(account=account, actor=None, name=name, scopes=scopes.split(","), via="cli")
        except keys.KeyRefused as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(f"已为 {account.email} 创建令牌“{token.name}”（{token.prefix}…，权限：{', '.join(token.scopes)}）。"
                          "令牌只显示这一次，请立即保存：")
        self.stdout.write(raw)
