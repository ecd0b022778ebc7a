; Inno Setup 6.3+ script: a normal Windows installer for the folder PyInstaller built.
;
; On Windows, from the repository root (see packaging/README.md):
;   py packaging\build.py
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=<version from pyproject.toml> packaging\windows\xrefviewer.iss
; or let packaging\windows\make_installer.ps1 do both, reading the version itself.
; The result is dist\xrefviewer-<version>-setup.exe: per-user by default (no administrator
; rights needed), a Start-menu entry, an optional desktop icon, and an uninstaller in
; Settings > Apps. The user's libraries, settings and logs (in %LOCALAPPDATA%\xrefviewer)
; are left alone by the uninstaller: removing the program never deletes someone's work.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z xrefviewer.iss (make_installer.ps1 does)
#endif

#define AppName "xrefviewer"
#define AppExe "xrefviewer.exe"
#define SourceDir "..\..\dist\xrefviewer"

[Setup]
; A fixed AppId: upgrades replace the installed version instead of installing beside it.
AppId={{6F1C2B7A-3E4D-4B8A-9C71-2A5D0E8F4B13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The xrefviewer team
AppComments=Read a stack of documents side by side and see the figures, names and dates they share.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\xrefviewer.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
WizardImageFile=..\..\resources\installer\wizard.bmp
WizardSmallImageFile=..\..\resources\installer\wizard-small.bmp
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Cross-reference viewer"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
