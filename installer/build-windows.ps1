<#
.SYNOPSIS
  Build the Windows installer: venv -> pip install .[build] -> PyInstaller one-folder bundle
  -> bundle self-test -> Inno Setup (ISCC) -> dist\mianze-desktop-setup-<version>.exe

.DESCRIPTION
  Run from any folder on a Windows 10/11 x64 machine with Python 3.10+ (x64) and Inno Setup 6.3+:
    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
  The version comes from pyproject.toml (installer\buildinfo.py). ChineseSimplified.isl (an
  unofficial Inno Setup translation, not shipped with Inno Setup) is taken from -ChineseIsl,
  installer\, the Inno Setup Languages folders, or downloaded from the Inno Setup repository.
  This file is ASCII on purpose (Windows PowerShell 5.1 reads BOM-less scripts as ANSI).

.PARAMETER Python
  The Python used to create the build venv (default: the "py -3" launcher, else python.exe).
.PARAMETER InnoSetup
  Path to ISCC.exe (default: found in the usual install folders or on PATH).
.PARAMETER ChineseIsl
  Path to ChineseSimplified.isl.
.PARAMETER SkipInstaller
  Stop after the bundle and its self-test (no Inno Setup needed).
#>
param(
    [string]$Python = "",
    [string]$InnoSetup = "",
    [string]$ChineseIsl = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

# 1. build venv with the project and PyInstaller
$Venv = Join-Path $Root "build\win-venv"
$VenvPy = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPy)) {
    Write-Host "==> creating $Venv"
    New-Item -ItemType Directory -Force (Split-Path $Venv) | Out-Null
    if ($Python) {
        Invoke-Checked "venv" { & $Python -m venv $Venv }
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Checked "venv" { & py -3 -m venv $Venv }
    } else {
        Invoke-Checked "venv" { & python -m venv $Venv }
    }
}
Write-Host "==> pip install -e .[build]"
Invoke-Checked "pip upgrade" { & $VenvPy -m pip install --quiet --upgrade pip }
Invoke-Checked "pip install" { & $VenvPy -m pip install --quiet -e ".[build]" }

$Version = (& $VenvPy installer\buildinfo.py version).Trim()
$FileVersion = (& $VenvPy installer\buildinfo.py file-version).Trim()
if (-not $Version) { throw "cannot read the version from pyproject.toml" }
Write-Host "==> mianze-desktop $Version (file version $FileVersion)"

# 2. PyInstaller one-folder bundle: dist\mianze-desktop\{mianze-desktop.exe, mianze.exe, _internal\}
$Started = Get-Date
Invoke-Checked "PyInstaller" {
    & $VenvPy -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\mianze-desktop.spec
}
$Dist = Join-Path $Root "dist\mianze-desktop"
$Bytes = (Get-ChildItem $Dist -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Host ("==> bundle built in {0:N0} s: {1} ({2:N1} MB; target <= 120 MB)" -f ((Get-Date) - $Started).TotalSeconds, $Dist, ($Bytes / 1MB))

# 3. self-test of the bundle. mianze-desktop.exe is a windowed program: Start-Process waits for it
#    and captures its output (without a console it writes %TEMP%\mianze-desktop-selftest.log).
$Out = Join-Path $Root "build\selftest.out"
$Err = Join-Path $Root "build\selftest.err"
$Proc = Start-Process -FilePath (Join-Path $Dist "mianze-desktop.exe") -ArgumentList "--self-test" `
    -Wait -PassThru -NoNewWindow -RedirectStandardOutput $Out -RedirectStandardError $Err
Get-Content -Encoding UTF8 $Out, $Err | Write-Host
$Log = Join-Path $env:TEMP "mianze-desktop-selftest.log"
if (((Get-Item $Out).Length -eq 0) -and (Test-Path $Log)) { Get-Content -Encoding UTF8 $Log | Write-Host }
if ($Proc.ExitCode -ne 0) { throw "the bundle's self-test failed (exit code $($Proc.ExitCode))" }
Invoke-Checked "mianze.exe --version" { & (Join-Path $Dist "mianze.exe") --version }

if ($SkipInstaller) { Write-Host "==> bundle OK (installer skipped)"; exit 0 }

# 4. Inno Setup
if (-not $InnoSetup) {
    $Candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    $InnoSetup = $Candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    if (-not $InnoSetup) {
        $Cmd = Get-Command ISCC.exe -ErrorAction SilentlyContinue
        if ($Cmd) { $InnoSetup = $Cmd.Source }
    }
}
if (-not $InnoSetup -or -not (Test-Path $InnoSetup)) {
    throw "ISCC.exe (Inno Setup 6.3+) not found: install it from https://jrsoftware.org/isdl.php or pass -InnoSetup PATH"
}
$InnoDir = Split-Path $InnoSetup
if (-not $ChineseIsl) {
    $Candidates = @(
        (Join-Path $Root "installer\ChineseSimplified.isl"),
        (Join-Path $InnoDir "Languages\Unofficial\ChineseSimplified.isl"),
        (Join-Path $InnoDir "Languages\ChineseSimplified.isl"),
        (Join-Path $Root "build\ChineseSimplified.isl")
    )
    $ChineseIsl = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $ChineseIsl) {
    $ChineseIsl = Join-Path $Root "build\ChineseSimplified.isl"
    $Url = "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl"
    Write-Host "==> downloading ChineseSimplified.isl from $Url"
    Invoke-WebRequest -UseBasicParsing -Uri $Url -OutFile $ChineseIsl
}
Write-Host "==> ISCC: $InnoSetup (Chinese messages: $ChineseIsl)"
Invoke-Checked "ISCC" {
    & $InnoSetup "/DAppVersion=$Version" "/DAppFileVersion=$FileVersion" "/DChineseIsl=$ChineseIsl" installer\mianze-desktop.iss
}
$Setup = Join-Path $Root "dist\mianze-desktop-setup-$Version.exe"
if (-not (Test-Path $Setup)) { throw "ISCC reported success but $Setup is missing" }
Write-Host ("==> installer: {0} ({1:N1} MB)" -f $Setup, ((Get-Item $Setup).Length / 1MB))
