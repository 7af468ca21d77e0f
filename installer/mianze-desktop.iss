; Inno Setup 6 script for mianze-desktop (社会救助容错纠错案件管理).
; Chinese installer, per-user install without administrator rights, Start-menu entry, optional
; desktop shortcut, upgrade in place (fixed AppId), uninstall keeps the case data unless asked.
;
; Built by installer\build-windows.ps1 after PyInstaller has produced dist\mianze-desktop\;
; the version comes from pyproject.toml through the build script:
;   ISCC /DAppVersion=X.Y.Z /DAppFileVersion=X.Y.Z.0 installer\mianze-desktop.iss
; Needs Inno Setup 6.3 or later (ArchitecturesAllowed=x64compatible).

#ifndef AppVersion
  #error AppVersion is not defined: build with installer\build-windows.ps1 (ISCC /DAppVersion=x.y.z)
#endif
#ifndef AppFileVersion
  #define AppFileVersion AppVersion
#endif

#define AppName "社会救助容错纠错案件管理"
#define AppExeName "mianze-desktop.exe"
#define CliExeName "mianze.exe"
; the PyInstaller one-folder output (installer\mianze-desktop.spec, name = mianze-desktop)
#define DistDir "..\dist\mianze-desktop"
; platformdirs.user_data_dir("mianze_desktop", appauthor=False) = %LOCALAPPDATA%\mianze_desktop
#define DataDirName "mianze_desktop"

; ChineseSimplified.isl is an unofficial translation: Inno Setup's installer does not ship it
; (it lives in the Inno Setup sources under Files\Languages\Unofficial). build-windows.ps1 finds
; or downloads it and passes /DChineseIsl=<path>; otherwise look beside this script and in the
; compiler's Languages folders.
#ifndef ChineseIsl
  #if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
    #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
  #elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
    #define ChineseIsl AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl"
  #else
    #define ChineseIsl AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
  #endif
#endif
#if !FileExists(ChineseIsl)
  #error ChineseSimplified.isl not found: run installer\build-windows.ps1, or pass /DChineseIsl=PATH
#endif

[Setup]
; never change AppId: upgrades find the installed copy by it
AppId={{24D476D0-7954-4ED1-8095-AD54547709FD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=mianze_desktop
VersionInfoVersion={#AppFileVersion}
VersionInfoProductVersion={#AppFileVersion}
VersionInfoDescription={#AppName} 安装程序
; per-user install: no administrator rights, program under %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\mianze-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; upgrading while the program runs: offer to close it (Restart Manager)
CloseApplications=yes
RestartApplications=no
OutputDir=..\dist
OutputBaseFilename=mianze-desktop-setup-{#AppVersion}
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; upgrade in place: the previous version's libraries go first, so no stale file stays behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\{#AppExeName}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\{#CliExeName}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{group}\卸载 {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only the program folder; the data folder (%LOCALAPPDATA%\{#DataDirName}) is handled in [Code]
Type: dirifempty; Name: "{app}"

[Code]
{ Uninstall keeps the user's cases (database, attachments, backups) unless the user says otherwise.
  Interactive uninstall asks, default No. Silent uninstall keeps the data, unless the command line
  has /DELETEDATA (unins000.exe /VERYSILENT /DELETEDATA). A data folder chosen with
  MIANZE_DATA_DIR or --data-dir, and PostgreSQL servers, are never touched. }

function DataDir: String;
begin
  Result := ExpandConstant('{localappdata}\{#DataDirName}');
end;

function HasParam(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DeleteData: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if not DirExists(DataDir) then
    Exit;
  if HasParam('/DELETEDATA') then
    DeleteData := True
  else if UninstallSilent then
    DeleteData := False
  else
    DeleteData := MsgBox('是否同时删除所有案件数据？' + #13#10#13#10 +
      '数据文件夹：' + DataDir + #13#10 +
      '其中有案件数据库、附件和自动备份。' + #13#10#13#10 +
      '选择“否”将保留这些数据，重新安装后可以继续使用。' + #13#10 +
      '选择“是”将永久删除，无法恢复。',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if DeleteData then
    if not DelTree(DataDir, True, True, True) then
      if not UninstallSilent then
        MsgBox('未能完全删除数据文件夹（可能有文件正在使用）：' + #13#10 + DataDir, mbError, MB_OK);
end;
