{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "parties.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Full name: <release>-<chart>, or the release name alone when it already contains the chart name.
Truncated to 63 characters; suffixed names (e.g. "-migration") stay within 63 with trunc in place.
*/}}
{{- define "parties.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Name of the migration hook's own resources (Job, Secret, ServiceAccount).
*/}}
{{- define "parties.migrationName" -}}
{{- printf "%s-migration" (include "parties.fullname" . | trunc 53 | trimSuffix "-") -}}
{{- end -}}

{{/*
Chart label value: <chart>-<version>.
*/}}
{{- define "parties.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Selector labels of the API pods. The component label keeps the migration Job's pod out of the
Service, the PodDisruptionBudget and the topology spread.
*/}}
{{- define "parties.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parties.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: api
{{- end -}}

{{/*
Labels shared by every resource, without the component.
*/}}
{{- define "parties.baseLabels" -}}
helm.sh/chart: {{ include "parties.chart" . }}
app.kubernetes.io/name: {{ include "parties.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ include "parties.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: parties
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Labels of the API's resources.
*/}}
{{- define "parties.labels" -}}
{{ include "parties.baseLabels" . }}
app.kubernetes.io/component: api
{{- end -}}

{{/*
Labels of the migration hook's resources.
*/}}
{{- define "parties.migrationLabels" -}}
{{ include "parties.baseLabels" . }}
app.kubernetes.io/component: migration
{{- end -}}

{{/*
commonAnnotations as a YAML map (empty when there are none).
*/}}
{{- define "parties.commonAnnotations" -}}
{{- with .Values.commonAnnotations }}
{{- toYaml . }}
{{- end }}
{{- end -}}

{{/*
Image tag: image.tag, else the chart's appVersion.
*/}}
{{- define "parties.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{/*
Full image reference: [registry/]repository(@digest|:tag).
*/}}
{{- define "parties.image" -}}
{{- $repository := .Values.image.repository -}}
{{- if .Values.image.registry -}}
{{- $repository = printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (include "parties.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/*
ServiceAccount of the API pods.
*/}}
{{- define "parties.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "parties.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
ServiceAccount of the migration Job. A chart-made ServiceAccount does not exist yet when a
pre-install hook runs, so the Job gets its own hook ServiceAccount in that case; an existing one
(serviceAccount.create=false) is used as it is.
*/}}
{{- define "parties.migrationServiceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- include "parties.migrationName" . -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Secret the API pods read the connection string and admin key from.
*/}}
{{- define "parties.secretName" -}}
{{- default (include "parties.fullname" .) .Values.secret.existingSecret -}}
{{- end -}}

{{/*
Secret the migration Job reads them from: existingSecret, else the hook Secret (see migration-secret.yaml).
*/}}
{{- define "parties.migrationSecretName" -}}
{{- default (include "parties.migrationName" .) .Values.secret.existingSecret -}}
{{- end -}}

{{/*
Admin key: secret.adminKey, else the one already stored in the release's Secret (so upgrades keep
it), else a new random one. Rendered once per template run and cached in .Values, so the chart's
Secret and the migration hook's Secret get the same key.
*/}}
{{- define "parties.adminKey" -}}
{{- if not (hasKey .Values.secret "generatedAdminKey") -}}
{{- $key := .Values.secret.adminKey -}}
{{- if not $key -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "parties.fullname" .) -}}
{{- if and $existing $existing.data (hasKey $existing.data .Values.secret.keys.adminKey) -}}
{{- $key = index $existing.data .Values.secret.keys.adminKey | b64dec -}}
{{- else -}}
{{- $key = randAlphaNum 48 -}}
{{- end -}}
{{- end -}}
{{- $_ := set .Values.secret "generatedAdminKey" $key -}}
{{- end -}}
{{- .Values.secret.generatedAdminKey -}}
{{- end -}}

{{/*
Data of the chart's Secret and of the migration hook's Secret (base64).
*/}}
{{- define "parties.secretData" -}}
{{ .Values.secret.keys.connectionString }}: {{ .Values.secret.connectionString | b64enc | quote }}
{{- if .Values.secret.keys.adminKey }}
{{ .Values.secret.keys.adminKey }}: {{ include "parties.adminKey" . | b64enc | quote }}
{{- end }}
{{- end -}}

{{/*
Non-secret configuration, as a map of environment variable to value. The ConfigMap holds it for
the API pods; the migration Job gets the same variables inline, because on a first install the
ConfigMap does not exist yet when the pre-install hook runs.
*/}}
{{- define "parties.configEnv" -}}
ASPNETCORE_ENVIRONMENT: {{ .Values.config.environment | quote }}
{{- /* The hook Job applies the schema before the pods start; without it the app applies it itself. */}}
Parties__ApplySchemaOnStartup: {{ ternary "false" "true" .Values.migration.enabled | quote }}
{{- with .Values.config.typeLoadMode }}
Parties__TypeLoadMode: {{ . | quote }}
{{- end }}
Parties__StatementTimeoutSeconds: {{ .Values.config.statementTimeoutSeconds | int | toString | quote }}
Parties__Webhooks__AllowPrivateTargets: {{ .Values.config.webhooks.allowPrivateTargets | toString | quote }}
Parties__Webhooks__TimeoutSeconds: {{ .Values.config.webhooks.timeoutSeconds | int | toString | quote }}
{{- with .Values.config.webhooks.retrySchedule }}
Parties__Webhooks__RetrySchedule: {{ . | quote }}
{{- end }}
{{- /* The app drains in-flight requests within the pod's grace period, after the preStop sleep, with a margin. */}}
Parties__ShutdownTimeoutSeconds: {{ max 1 (sub (sub (int .Values.terminationGracePeriodSeconds) (int .Values.preStopSleepSeconds)) 5) | toString | quote }}
{{- if .Values.config.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ .Values.config.otlpEndpoint | quote }}
OTEL_SERVICE_NAME: {{ default (include "parties.fullname" .) .Values.config.otelServiceName | quote }}
{{- end }}
{{- range $name, $value := .Values.config.extraEnv }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/*
Environment variables read from the Secret. Argument: (dict "secretName" NAME "root" $).
*/}}
{{- define "parties.secretEnv" -}}
- name: ConnectionStrings__Parties
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ .root.Values.secret.keys.connectionString }}
{{- if .root.Values.secret.keys.adminKey }}
- name: Parties__AdminKey
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ .root.Values.secret.keys.adminKey }}
{{- end }}
{{- range .root.Values.databases }}
- name: Parties__Databases__{{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secretKeyRef.name }}
      key: {{ .secretKeyRef.key }}
{{- end }}
{{- end -}}

{{/*
Volume and mount for /tmp, the only writable path (the root filesystem is read-only).
*/}}
{{- define "parties.tmpVolume" -}}
{{- $emptyDir := dict -}}
{{- with .Values.tmpVolume.medium }}{{ $_ := set $emptyDir "medium" . }}{{ end -}}
{{- with .Values.tmpVolume.sizeLimit }}{{ $_ := set $emptyDir "sizeLimit" . }}{{ end -}}
- name: tmp
  emptyDir: {{- toYaml $emptyDir | nindent 4 }}
{{- end -}}

{{- define "parties.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}
