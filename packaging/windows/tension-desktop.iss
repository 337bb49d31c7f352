; Inno Setup script: a per-user installer for Windows (no administrator rights needed).
; Built by .github/workflows/package.yml:  iscc /DAppVersion=0.1.0 packaging\windows\tension-desktop.iss
; Input: dist\tension-desktop\ (packaging/build.sh). Output: dist\tension-desktop-<version>-windows-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0C7C1E-3B7D-4E59-9C55-7A1E2D5B8E11}
AppName=Tension Desktop
AppVersion={#AppVersion}
AppPublisher=Tension Desktop
AppComments=Offline facilitation for leadership teams
DefaultDirName={localappdata}\Programs\Tension Desktop
DefaultGroupName=Tension Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=tension-desktop-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\icons\tension-desktop.ico
UninstallDisplayIcon={app}\tension-desktop.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
LicenseFile=..\..\tension_desktop\resources\licenses\THIRD-PARTY-NOTICES.txt
MinVersion=10.0

[Files]
Source: "..\..\dist\tension-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion createallsubdirs

[Icons]
Name: "{autoprograms}\Tension Desktop"; Filename: "{app}\tension-desktop.exe"; Comment: "Offline facilitation for leadership teams"
Name: "{autodesktop}\Tension Desktop"; Filename: "{app}\tension-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a &desktop shortcut"; GroupDescription: "Shortcuts:"; Flags: unchecked

[Registry]
; .tension files open with the app (per user: HKCU\Software\Classes)
Root: HKCU; Subkey: "Software\Classes\.tension"; ValueType: string; ValueName: ""; ValueData: "TensionDesktop.Workshop"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\TensionDesktop.Workshop"; ValueType: string; ValueName: ""; ValueData: "Tension Desktop workshop"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\TensionDesktop.Workshop\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\tension-desktop.exe,0"
Root: HKCU; Subkey: "Software\Classes\TensionDesktop.Workshop\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\tension-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\tension-desktop.exe"; Description: "Start Tension Desktop"; Flags: nowait postinstall skipifsilent
