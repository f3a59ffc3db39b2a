"""``rectify check``: check the data and say what a publishing office wants to see of it."""

from __future__ import annotations

import argparse
from pathlib import Path

from rectify.data.errors import DataInvalid, remarks_report
from rectify.data.load import load_site
from rectify.data.model import COUNTED_FIGURES, RATE_FIGURE, UNSTATED, Notice
from rectify.output.build import CONFIG, read_config
from rectify.output.publish import EXAMPLE_URL

from .console import fail


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("check", help="检查数据并列出统计；有错时列出每一处错误")
    parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="数据文件夹（默认 data）")


def run(args: argparse.Namespace) -> int:
    return check(args.data_dir)


def summary(notices: list[Notice]) -> str:
    """What a publishing office wants to see after a successful check."""
    lines = [f"数据检查通过：{len(notices)} 份通报。"]
    for notice in notices:
        tally = notice.tally
        lines.append("")
        lines.append(f"{notice.id}  {notice.title}")
        lines.append(
            f"  问题分类 {len(notice.categories)} 类，问题 {tally.total} 个（截至 {notice.as_of.isoformat()}）"
        )
        for status, count in tally.by_status.items():
            lines.append(f"  {status}：{count} 个")
        if tally.unstated:
            lines.append(f"  整改状态{UNSTATED}：{tally.unstated} 个")
        stated = [f"{name} {value} 个" for name, value in notice.figures.items() if name in COUNTED_FIGURES]
        stated += [f"{RATE_FIGURE} {notice.figures[RATE_FIGURE]}"] if RATE_FIGURE in notice.figures else []
        if stated and (notice.stated_tally.unstated or not notice.findings):
            lines.append(f"  通报写明（只核对了能核对的部分）：{'，'.join(stated)}")
        unmapped = [f for f in notice.findings if f.status_unmapped]
        if unmapped:
            listed = "；".join(f"问题{f.number}“{f.short}”：{f.status_text}" for f in unmapped)
            lines.append(f"  整改状态的写法不在对照表中、没有换算（网站照原文显示）：{listed}")
        if not tally.total:
            lines.append("  整改完成率：—（通报没有逐个列出问题）")
        elif tally.unstated:
            lines.append(f"  整改完成率：{UNSTATED}（有问题没有写整改状态，不计算完成率）")
        else:
            lines.append(
                f"  整改完成率：{tally.rate_text(notice.rate_decimals)}（已完成 {tally.completed} ÷ 问题总数 {tally.total}）"
            )
    # Remarks after the figures: the check has passed, these are for the office to look at.
    remarks = remarks_report([remark for notice in notices for remark in notice.remarks])
    return "\n".join(lines) + (f"\n\n{remarks}" if remarks else "")


def check(data_dir: Path) -> int:
    try:
        notices = load_site(data_dir)
    except DataInvalid as invalid:
        return fail(invalid)
    print(summary(notices))
    config = read_config(data_dir.parent)  # the site these data belong to, if any
    if config and not config.get("site_url"):
        where = data_dir.parent / CONFIG
        print(
            f"\n提示：{where} 中还没有填写网站地址 site_url；发布前请填写栏目的完整网址（如 {EXAMPLE_URL}），rectify publish 需要它。"
        )
    return 0
