"""The installers and 安装说明.txt of the offline install package (tools/offline_package.py).

``{version}``, ``{pip_wheel}`` and ``{year}`` are filled in; doubled braces are literal ones. The batch files
jump with ``goto`` instead of ``( … )`` blocks: a folder name with a parenthesis, as Windows makes
them (新建文件夹 (2)), would end such a block early."""

INSTALL_BAT = r"""@echo off
rem 整改公开（rectify）{version} 离线安装：在本文件夹中建立 venv，从 wheels 文件夹安装，不联网。
setlocal
set "HERE=%~dp0"
set "PY="
for %%v in (3.13 3.12 3.11 3.10) do if not defined PY py -%%v-64 -c "" >nul 2>nul && set "PY=py -%%v-64"
if defined PY goto found
python -c "import struct, sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 13) and struct.calcsize('P') == 8))" >nul 2>nul && set "PY=python"
if defined PY goto found
echo 没有找到 64 位的 Python 3.10、3.11、3.12 或 3.13。
echo 请先从单位的软件中心或 python.org 的安装程序安装 Python，然后再双击本文件。
goto end
:found
echo 正在安装整改公开 {version}（用 %PY%，不联网，约需一两分钟）……
%PY% -m venv --without-pip "%HERE%venv"
if errorlevel 1 goto failed
set "PIP_CONFIG_FILE=nul"
"%HERE%venv\Scripts\python.exe" "%HERE%wheels\{pip_wheel}\pip" install --isolated --no-index --find-links "%HERE%wheels" --constraint "%HERE%wheels\constraints.txt" --disable-pip-version-check --no-warn-script-location --quiet pip rectify
if errorlevel 1 goto failed
"%HERE%venv\Scripts\rectify.exe" --version
echo 安装完成。以后双击本文件夹中的“命令窗口.bat”，在打开的窗口中输入 rectify 命令（见 安装说明.txt）。
goto end
:failed
echo 安装没有成功。请把这个窗口中的文字截图，交给维护人员。
:end
pause
"""

OPEN_CONSOLE_BAT = r"""@echo off
rem 打开一个可以直接输入 rectify 的命令窗口（先双击 install.bat 安装）；从“文档”文件夹开始。
set "PATH=%~dp0venv\Scripts;%PATH%"
cd /d "%USERPROFILE%\Documents" 2>nul
cmd /k rectify --version
"""

INSTALL_SH = r"""#!/bin/sh
# 整改公开（rectify）{version} 离线安装：在本文件夹中建立 venv，从 wheels 文件夹安装，不联网。
# 用法：sh install.sh（要用某个 Python 时：PYTHON=/usr/bin/python3.11 sh install.sh）
set -e
here=$(cd "$(dirname "$0")" && pwd)
fits='import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))'
python=${{PYTHON:-}}
if [ -z "$python" ]; then
  for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$fits" 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
if [ -z "$python" ] || ! "$python" -c "$fits" 2>/dev/null; then
  echo "没有找到 Python 3.10、3.11、3.12 或 3.13。请先从软件中心安装 Python 3，然后再运行 sh install.sh。" >&2
  exit 1
fi
echo "正在安装整改公开 {version}（用 $("$python" -V 2>&1)，不联网，约需一两分钟）……"
# --without-pip, then pip from its wheel: works where the system's Python has no ensurepip.
"$python" -m venv --without-pip "$here/venv"
PIP_CONFIG_FILE=/dev/null "$here/venv/bin/python" "$here/wheels/{pip_wheel}/pip" install --isolated --no-index \
  --find-links "$here/wheels" --constraint "$here/wheels/constraints.txt" \
  --disable-pip-version-check --no-warn-script-location --quiet pip rectify
"$here/venv/bin/rectify" --version
case ":$PATH:" in
  *":$HOME/.local/bin:"*)
    mkdir -p "$HOME/.local/bin"
    ln -sf "$here/venv/bin/rectify" "$HOME/.local/bin/rectify"
    echo "安装完成。在终端中直接输入 rectify 命令即可（见 安装说明.txt）。"
    ;;
  *)
    echo "安装完成。运行时输入完整路径：$here/venv/bin/rectify"
    echo "（或者每次打开终端后先输入：. \"$here/venv/bin/activate\"，之后直接输入 rectify）"
    ;;
esac
"""

README_TXT = """整改公开（rectify）{version} 离线安装包

安装和使用都不需要联网：需要的文件都在这个压缩包里，安装时和使用时都不下载任何东西。

适用的电脑：
  - Windows 10、Windows 11（64 位）；
  - 信创 Linux 桌面（银河麒麟 V10、统信 UOS 20 或更新的版本），
    x86_64 处理器（海光、兆芯等）或 aarch64 处理器（飞腾、鲲鹏等）。
  龙芯（LoongArch）、申威等其他处理器的电脑不能用这个安装包。


一、安装 Python（只需一次）

需要 Python 3.10、3.11、3.12 或 3.13 中的任一版本。
  - Windows：从单位的软件中心安装 Python；或用 python.org 的 Windows 安装程序（64 位），按默认选项安装即可。
  - 信创 Linux：系统一般已带 Python 3。打开终端，输入 python3 --version 回车，看版本号；
    版本低于 3.10 时，从软件中心（应用商店）安装 Python 3.10 到 3.13 中的一个版本。


二、安装整改公开

1. 把压缩包解压到一个固定的位置，如 D:\\整改公开\\ 或 /home/用户名/整改公开/。
   装好以后不要再移动这个文件夹；移动了，重新运行一次安装程序即可。
2. 运行安装程序：
   - Windows：双击 install.bat。
   - 信创 Linux：在这个文件夹的空白处单击右键，选“在终端中打开”，输入 sh install.sh 回车。
3. 看到“安装完成”就装好了，用时约一两分钟。安装程序在这个文件夹中建立 venv 文件夹，不改动电脑上的其他程序。


三、使用

先打开可以输入命令的窗口：
  - Windows：双击这个文件夹中的“命令窗口.bat”（窗口从“文档”文件夹开始）。
  - 信创 Linux：打开终端。安装程序说了“直接输入 rectify 命令即可”时照做；
    否则按它最后显示的完整路径输入（如 /home/用户名/整改公开/venv/bin/rectify）。

然后依次输入（每行输入后回车）：
  1. 新建本单位的网站（只需一次），“单位全称”换成本单位的全称：
       rectify init 整改公开网站 --unit 单位全称
     例如：rectify init 整改公开网站 --unit 中共某某县委巡察工作领导小组办公室
  2. 进入网站文件夹：
       cd 整改公开网站
  3. 导入通报原文（或者按注释直接填写 data 文件夹中的 notice.yml 和 findings.yml），
     照第 1 步最后显示的那一行输入，如：
       rectify import 通报原文.docx -o data/zhenggai-{year} --force
  4. 检查数据，照着提示改到没有错误：
       rectify check data
  5. 生成网站，然后用浏览器打开 site 文件夹中的 index.html 查看：
       rectify site
  6. 发布：在 mkdocs.yml 中填写网站地址 site_url，然后运行
       rectify publish
     把 dist 文件夹中的压缩包交给门户网站的信息中心。

输入 rectify --help 可以看到全部命令。


四、只在用到时才需要的其他软件

  - 生成 PDF（rectify pdf）：需要电脑上装有 Chromium 浏览器（或 Google Chrome、Microsoft Edge）。
    打印用的仿宋、黑体等字体由 rectify fonts 安装，它需要联网；没有安装时，PDF 用电脑上已有的中文字体排版。
  - 导入 .doc、.wps 格式的通报：需要 LibreOffice。.docx、.txt 和有文字层的 .pdf 不需要。
  这些软件不在本安装包中，需要时请从单位的软件中心安装。
  生成网站、检查数据、导入 .docx、整改台账、发布，都不需要另装软件。


五、压缩包里的文件

  install.bat      Windows 的安装程序
  install.sh       信创 Linux 的安装程序
  命令窗口.bat     Windows 上打开可以输入 rectify 命令的窗口（安装以后用）
  wheels           整改公开和它用到的全部程序包（三种电脑、四个 Python 版本都在里面）
  SHA256SUMS       每个文件的校验值。核对文件是否完整：在信创 Linux 的终端中进入这个文件夹，输入 sha256sum -c SHA256SUMS
"""
