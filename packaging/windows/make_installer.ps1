# Build xrefviewer and its Windows installer, from the repository root:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\make_installer.ps1
# Needs: Python 3.11+ with `pip install -e .[packaging]` done, and Inno Setup 6 (ISCC.exe).
$ErrorActionPreference = "Stop"
$repo = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $repo
$version = & python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
& python packaging\build.py
if ($LASTEXITCODE -ne 0) { throw "the PyInstaller build failed" }
$iscc = Get-Command ISCC.exe -ErrorAction SilentlyContinue
if ($iscc) { $iscc = $iscc.Source } else { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found: install it from its website or with 'winget install JRSoftware.InnoSetup'" }
& $iscc "/DAppVersion=$version" packaging\windows\xrefviewer.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "made dist\xrefviewer-$version-setup.exe"
