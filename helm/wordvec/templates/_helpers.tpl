{{/* The chart name, overridable. */}}
{{- define "wordvec.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object names: release-chart, or fullnameOverride. */}}
{{- define "wordvec.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "wordvec.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "wordvec.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "wordvec.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wordvec.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "wordvec.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wordvec.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "wordvec.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The Secret holding API keys, when there are any. */}}
{{- define "wordvec.apiKeySecret" -}}
{{- if .Values.http.existingSecret }}{{ .Values.http.existingSecret }}{{ else if .Values.http.apiKeys }}{{ include "wordvec.fullname" . }}-api-keys{{ end }}
{{- end }}

{{/*
Memory for one pod in MiB, from the model's size (README.md, "Memory"):
words x dimension x bytes per value (4, 2 for float16, 1 for int8), plus about 100 bytes per
word for the vocabulary (which also covers int8's 4-byte scale per word), plus a
fixed overhead for the JVM, libtorch and request buffers.
*/}}
{{- define "wordvec.memoryMiB" -}}
{{- $bytesPerValue := get (dict "float32" 4 "float16" 2 "int8" 1) .Values.model.dtype | default 4 }}
{{- $matrix := mul (int64 .Values.model.words) (int64 .Values.model.dimension) $bytesPerValue }}
{{- $vocabulary := mul (int64 .Values.model.words) 100 }}
{{- add (div (add $matrix $vocabulary 1048575) 1048576) (int64 .Values.model.memoryOverheadMiB) }}
{{- end }}

{{/* wordvec.* settings from the values, as JSON for SPRING_APPLICATION_JSON. */}}
{{- define "wordvec.applicationJson" -}}
{{- $http := dict "max-body-size" .Values.http.maxBodySize "cors-origins" .Values.http.corsOrigins }}
{{- $wordvec := dict "http" $http }}
{{- if or .Values.model.file .Values.model.source }}
{{- $model := dict "format" .Values.model.format "dtype" .Values.model.dtype "limit" .Values.model.limit }}
{{- if .Values.model.source }}
{{- $_ := set $model "source" .Values.model.source }}
{{- else }}
{{- $_ := set $model "path" (printf "/models/%s" .Values.model.file) }}
{{- end }}
{{- if .Values.model.member }}
{{- $_ := set $model "member" .Values.model.member }}
{{- end }}
{{- $_ := set $wordvec "models" (dict .Values.model.name $model) }}
{{- $_ := set $wordvec "default-model" .Values.model.name }}
{{- end }}
{{- if .Values.model.mirror }}
{{- $_ := set $wordvec "catalogue" (dict "mirror" .Values.model.mirror) }}
{{- end }}
{{- dict "wordvec" $wordvec | toJson }}
{{- end }}
