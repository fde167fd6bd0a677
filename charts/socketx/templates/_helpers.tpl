{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "socketx.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: release name, plus chart name unless the release already has it. */}}
{{- define "socketx.fullname" -}}
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

{{- define "socketx.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the proxy pods; never change them after the first release. */}}
{{- define "socketx.selectorLabels" -}}
app.kubernetes.io/name: {{ include "socketx.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "socketx.labels" -}}
helm.sh/chart: {{ include "socketx.chart" . }}
{{ include "socketx.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: proxy
app.kubernetes.io/part-of: socketx
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "socketx.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "socketx.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: repository@digest when a digest is set, else repository:tag. */}}
{{- define "socketx.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}
{{- end }}

{{/*
The domain map as compact JSON with sorted keys, after validation.
Source: domainMapBase64 when set (decoded), else domainMap. Any problem stops the
render with a message that names the value, the entry and the reason, e.g.
  domainMap: entry "api.example.com": "upstream" is missing
*/}}
{{- define "socketx.domainMap" -}}
{{- $source := "domainMap" }}
{{- $raw := .Values.domainMap | toString }}
{{- if .Values.domainMapBase64 }}
{{- $source = "domainMapBase64" }}
{{- $b64 := .Values.domainMapBase64 | toString | nospace }}
{{- if or (not (regexMatch "^[A-Za-z0-9+/]*={0,2}$" $b64)) (ne 0 (mod (len $b64) 4)) }}
{{- fail (printf "%s: not valid base64 (expected the standard alphabet with = padding)" $source) }}
{{- end }}
{{- $raw = b64dec $b64 }}
{{- end }}
{{- if not (regexMatch "^\\s*\\{" $raw) }}
{{- fail (printf "%s: must be a JSON object mapping hosts to {\"upstream\": ..., \"allowedOrigins\": [...]}, got %q" $source ($raw | trunc 60)) }}
{{- end }}
{{- $map := fromJson $raw }}
{{- if and (hasKey $map "Error") (kindIs "string" (get $map "Error")) }}
{{- fail (printf "%s: not valid JSON: %s" $source (get $map "Error")) }}
{{- end }}
{{- if eq 0 (len $map) }}
{{- fail (printf "%s: has no entries; add at least one host (\"*\" matches any host)" $source) }}
{{- end }}
{{- range $host, $route := $map }}
{{- if not (regexMatch "^(\\*|\\*\\.[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$" $host) }}
{{- fail (printf "%s: entry %q: the host must be an exact host (optionally with :port), a *.suffix wildcard or *" $source $host) }}
{{- end }}
{{- if not (kindIs "map" $route) }}
{{- fail (printf "%s: entry %q: must be an object with \"upstream\" and \"allowedOrigins\"" $source $host) }}
{{- end }}
{{- if not (hasKey $route "upstream") }}
{{- fail (printf "%s: entry %q: \"upstream\" is missing" $source $host) }}
{{- end }}
{{- $upstream := get $route "upstream" }}
{{- if not (and (kindIs "string" $upstream) (regexMatch "^wss?://[^/?#\\s]+[^\\s]*$" $upstream)) }}
{{- fail (printf "%s: entry %q: \"upstream\" must be a ws:// or wss:// URL, got %v" $source $host (toJson $upstream)) }}
{{- end }}
{{- if not (hasKey $route "allowedOrigins") }}
{{- fail (printf "%s: entry %q: \"allowedOrigins\" is missing (use [\"*\"] to allow any origin)" $source $host) }}
{{- end }}
{{- $origins := get $route "allowedOrigins" }}
{{- if not (kindIs "slice" $origins) }}
{{- fail (printf "%s: entry %q: \"allowedOrigins\" must be a list of origins, got %v" $source $host (toJson $origins)) }}
{{- end }}
{{- if eq 0 (len $origins) }}
{{- fail (printf "%s: entry %q: \"allowedOrigins\" is empty, so every connection would be rejected (use [\"*\"] to allow any origin)" $source $host) }}
{{- end }}
{{- range $origins }}
{{- if not (and (kindIs "string" .) (or (eq . "*") (regexMatch "^[A-Za-z][A-Za-z0-9+.-]*://(\\*\\.)?[^*/\\s]+$" .))) }}
{{- fail (printf "%s: entry %q: origin %v must be \"*\" or scheme://host[:port], with an optional *. before the host (https://*.example.com)" $source $host (toJson .)) }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson $map }}
{{- end }}

{{/* Azure injects these when the chart runs as a Marketplace app; explicit values win. */}}
{{- define "socketx.billingPlanId" -}}
{{- .Values.billingPlanId | default (dig "azure" "marketplace" "planId" "" (.Values.global | default dict)) }}
{{- end }}
{{- define "socketx.azureClientId" -}}
{{- .Values.azureClientId | default (dig "azure" "identity" "clientId" "" (.Values.global | default dict)) }}
{{- end }}
{{- define "socketx.azureResourceId" -}}
{{- .Values.azureResourceId | default (dig "azure" "extension" "resourceId" "" (.Values.global | default dict)) }}
{{- end }}

{{/*
"true" when metered billing is really on: request_based with the azure provider AND a
Marketplace plan id (billingPlanId or Azure's injected global.azure.marketplace.planId). Azure
metering cannot bill without a plan, and the proxy refuses to start without one, so outside
the Marketplace the seed's default (request_based) runs with BILLING_STRATEGY=none instead and
NOTES.txt says so. Billing runs in the proxy pods and coordinates replicas through the API server.
*/}}
{{- define "socketx.billingEnabled" -}}
{{- if and (eq .Values.billingStrategy "request_based") (eq .Values.billingProvider "azure") (include "socketx.billingPlanId" .) }}true{{ end }}
{{- end }}
