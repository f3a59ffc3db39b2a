"""The pages about reaching the issuer: a notice's contact channels (``contact_page``) and the
site's accessibility statement (``accessibility_page``)."""

from __future__ import annotations

from rectify.data.chinese import chinese_date
from rectify.data.model import Notice

from ..markup import md
from ..paths import Site
from .blocks import contact_lines, front_matter, link, notice_menu


def contact_page(site: Site, notice: Notice) -> str:
    paths = site.paths(notice)
    source = paths.contact
    out = [front_matter(notice, "联系方式", f"对{notice.issuer}巡视整改落实情况进行监督的渠道")]
    out += notice_menu(site, notice, source)
    out.append("# 联系方式\n")
    out.append(f"{md(notice.contact.intro)}\n")
    out.append(
        f"以下渠道由{md(notice.issuer)}受理，用于对"
        f"[整改情况通报]({link(source, paths.notice)})所列问题的整改落实情况提出意见建议、反映情况。\n"
    )
    out += [f"- {line}" for line in contact_lines(notice.contact)]
    out.append("")
    out.append(f"发布单位：{md(notice.issuer)}  ")
    out.append(f"通报日期：{chinese_date(notice.signed)}")
    return "\n".join(out) + "\n"


def accessibility_page(site: Site) -> str:
    """What the site does for readers with disabilities and the elderly, and how to report a barrier."""
    first = site.notices[0]
    out = [front_matter(first, "无障碍声明", "本网站的无障碍和适老化功能，以及反映无障碍问题的渠道")]
    out.append("# 无障碍声明\n")
    issuers = "、".join(dict.fromkeys(md(n.issuer) for n in site.notices))
    out.append(
        f"本网站公开{issuers}的整改情况，"
        "希望每一位读者都能方便地阅读，包括老年读者、视力不好的读者和使用读屏软件的读者。\n"
    )
    out.append("## 本网站支持\n")
    out += [
        "- 按照《Web 内容无障碍指南》（WCAG）2.1 AA 级的要求制作，每个页面都经过自动检查；",
        "- 每页上方的阅读辅助工具：字号五档（100% 至 200%）、高对比度（黑底白字）、朗读本页（浏览器有中文语音时显示），"
        "设置会在各页面之间保持；",
        "- 全部功能都可以只用键盘操作，当前位置有清晰的焦点框；每页开头有“跳转至”正文的链接；",
        "- 整改状态都用文字写明，颜色只起辅助作用；图表旁边有写明同样数字的表格；表格有表头，链接文字说明去向；",
        "- 在手机上和放大到 200% 时，正文不需要左右滚动；",
        "- 不从第三方网站加载任何内容，离线版拷到 U 盘也能浏览和搜索；通报可以按公文格式打印。",
        "",
    ]
    out.append("## 已知的局限\n")
    out += [
        "- 朗读使用浏览器和操作系统自带的中文语音，没有中文语音时不显示朗读按钮；",
        "- PDF 文件中的文字可以复制和搜索，但没有标注标题层级等结构信息。",
        "",
    ]
    out.append("## 反映无障碍问题\n")
    out.append("如果您在使用本网站时遇到障碍，请告诉我们是哪一页、遇到了什么问题，我们会尽快改进：\n")
    for notice in site.notices:
        if not site.single:
            out.append(f"\n{md(notice.issuer)}：\n")
        out += [f"- {line}" for line in contact_lines(notice.contact)]
    return "\n".join(out) + "\n"
