"""Step 5d, the contact block and the publication fields: phone, address, email as the text gives them
(the rest kept in the intro sentence), and the site, column and date from the page header and byline.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from .draft import DEFAULT_ADDRESS_LABEL, Line, Review
from .patterns import ADDRESS_KEYS, CONTACT_KEY, EMAIL, PHONE, PHONE_KEYS, parse_date


def contact(lines: list[Line], kind: str, last_line: int | None, review: Review) -> dict[str, Any]:
    text = "\n".join(line.text for line in lines)
    line_of = {line.text: line.line for line in lines}
    first_line = lines[0].line if lines else last_line
    keys = list(CONTACT_KEY.finditer(text))
    intro = (text[: keys[0].start()] if keys else text).replace("\n", "").strip()
    trimmed = re.sub(r"(具体)?联系方式(如下)?\s*[:：]?$", "", intro).strip()
    if trimmed != intro and not intro.endswith(("联系方式：", "联系方式:")):
        review.remark(first_line, f"“{intro[len(trimmed) :]}”改成了网站统一的“联系方式：”")
    contact: dict[str, Any] = {"intro": trimmed}
    extras: list[str] = []
    for this, after in zip(keys, [*keys[1:], None], strict=False):
        key = this.group(1)
        raw = text[this.end() : after.start() if after else len(text)].strip()
        value = raw.rstrip("。.；;，, \n")
        where = next((n for t, n in line_of.items() if this.group(0) in t and value[:4] in t), first_line)
        plain = unicodedata.normalize("NFKC", value).replace("—", "-").replace("–", "-")
        if key in PHONE_KEYS and "phone" not in contact and (phone := PHONE.match(plain)):
            contact["phone"] = phone.group(0).strip()
            if plain[phone.end() :].strip(" ，,；;。."):
                extras.append(f"{this.group(0)}{value}")
                review.remark(where, "电话号码后面的说明放在了联系方式前面的说明里")
        elif key in ADDRESS_KEYS and "address" not in contact:
            contact["address"] = value
            if key != DEFAULT_ADDRESS_LABEL:
                contact["address_label"] = key
        elif key in ("邮政编码", "邮编") and "address" in contact:
            contact["address"] += f"，{key}：{value}"
        elif key.lower().replace("-", "") in ("电子邮箱", "电子信箱", "电子邮件", "邮箱", "email") and (
            email := EMAIL.search(plain)
        ):
            if "email" in contact:
                extras.append(f"{this.group(0)}{value}")
            else:
                contact["email"] = email.group(0)
        else:
            extras.append(f"{this.group(0)}{value}")
            review.remark(where, f"“{this.group(0)}{value}”放在了联系方式前面的说明里")
    if extras:
        contact["intro"] = contact["intro"] + "".join(e if e.endswith("。") else e + "。" for e in extras)
    if not contact["intro"]:  # never a sentence the notice does not have: empty, and check names it
        contact["intro"] = None
        review.notes[("contact", "intro")] = (
            f"原文没有欢迎监督的话，请按原文补充（如：欢迎广大干部群众对{kind}整改落实情况进行监督。）"
        )
        review.remark(first_line, "联系方式前没有欢迎监督的话；notice.yml 中留空，请补充")
    if not any(key in contact for key in ("phone", "address", "email")):
        contact["phone"] = None
        review.notes[("contact", "phone")] = "原文没有联系方式（电话、通信地址或电子邮箱），请补充至少一种"
        review.remark(first_line, "没有找到联系方式（电话、通信地址或电子邮箱）；notice.yml 中留空，请补充")
    return {k: contact[k] for k in ("intro", "phone", "address_label", "address", "email") if k in contact}


# -- the whole


def publication(signed: date | None, header: dict[str, str], pages: dict[str, str], review: Review) -> dict[str, Any]:
    """``publication`` of notice.yml: site, column and date as the page states them."""
    result: dict[str, Any] = {}
    site = pages.get("site_line") or pages.get("site") or header.get("发布机构")
    if site:
        result["site"] = site
        if site == header.get("发布机构") and not pages.get("site_line"):
            review.notes[("publication", "site")] = "按公开信息中的发布机构填写，请改成网站名称"
    else:
        result["site"] = None
        review.notes[("publication", "site")] = "原文没有写明发布网站，请补充"
    if "column" in pages:
        result["column"] = pages["column"]
    # the information index of a government portal, as written
    for field, keys in (
        ("index_no", ("索引号",)),
        ("publisher", ("发布机构", "发文机关", "发布单位")),
        ("doc_no", ("文号", "发文字号")),
        ("subject", ("主题分类",)),
    ):
        value = next((header[key] for key in keys if header.get(key)), None)
        if value:
            result[field] = value
    published = parse_date(header.get("发布日期", "") or header.get("发文日期", "")) or parse_date(
        pages.get("date", "")
    )
    if published:
        result["date"] = published.isoformat()
    elif signed:
        result["date"] = signed.isoformat()
        review.notes[("publication", "date")] = "原文未单独写明发布日期，这里按成文日期填写"
    else:
        result["date"] = None
        review.notes[("publication", "date")] = "原文没有写明发布日期，请补充"
    stated = parse_date(header.get("成文日期", ""))
    if stated and signed and stated != signed:
        review.remark(None, f"公开信息中的成文日期 {stated.isoformat()} 与落款日期 {signed.isoformat()} 不同，请核对")
    return result
