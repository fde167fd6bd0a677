{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "socketx-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: release name, plus chart name unless the release already has it. */}}
{{- define "socketx-operator.fullname" -}}
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

{{- define "socketx-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator pods; never change them after the first release. */}}
{{- define "socketx-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "socketx-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "socketx-operator.labels" -}}
helm.sh/chart: {{ include "socketx-operator.chart" . }}
{{ include "socketx-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: socketx
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "socketx-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "socketx-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference. Azure's Kubernetes-app packaging rewrites images to its own registry through
global.azure.images.<key> (registry, image, digest or tag); that wins when present. Otherwise
repository@digest, or repository:tag (tag defaulting to the appVersion).
Usage: include "socketx-operator.imageRef" (list . .Values.image "socketxOperator")
*/}}
{{- define "socketx-operator.imageRef" -}}
{{- $ctx := index . 0 }}
{{- $img := index . 1 }}
{{- $azure := dig "azure" "images" (index . 2) dict ($ctx.Values.global | default dict) }}
{{- if and $azure.registry $azure.image }}
{{- if $azure.digest }}
{{- printf "%s/%s@%s" $azure.registry $azure.image $azure.digest }}
{{- else }}
{{- printf "%s/%s:%s" $azure.registry $azure.image (default $ctx.Chart.AppVersion $azure.tag | toString) }}
{{- end }}
{{- else if $img.digest }}
{{- printf "%s@%s" $img.repository $img.digest }}
{{- else }}
{{- printf "%s:%s" $img.repository (default $ctx.Chart.AppVersion $img.tag | toString) }}
{{- end }}
{{- end }}

{{/* Leader election is forced on with more than one replica: two active operators would fight. */}}
{{- define "socketx-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/*
What the operator reconciles, and nothing more: its custom resources (read, status, finalizers),
the objects it owns for every proxy (ConfigMap, Deployment, Service, ServiceAccount, Role,
RoleBinding, PodDisruptionBudget) and Events. It holds get/watch on ConfigMaps itself, which is
what lets it grant each proxy a Role for reading its own ConfigMap. No Secrets, no pods/exec.
*/}}
{{- define "socketx-operator.rules" -}}
- apiGroups: ["socketx.io"]
  resources: ["socketxproxies", "socketxroutes"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["socketx.io"]
  resources: ["socketxproxies/status", "socketxroutes/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["socketx.io"]
  # Owner references with blockOwnerDeletion on the proxies' objects need this.
  resources: ["socketxproxies/finalizers"]
  verbs: ["update"]
- apiGroups: ["socketx.io"]
  # consent for cross-namespace Service references (docs/operator.md); read only
  resources: ["socketxroutegrants"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["configmaps", "services", "serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  # Identity key Secrets it generates and rotates (<proxy>-identity), and the identity and TLS
  # Secrets a proxy names, which it reads to check them; it never lists or watches Secrets.
  resources: ["secrets"]
  verbs: ["get", "create", "update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["", "events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["coordination.k8s.io"]
  # list/watch: the proxies' heartbeat Leases (Programmed condition); get/create/update/patch/
  # delete: only so that it may grant them to the proxies' Roles (RBAC grants only what one holds).
  resources: ["leases"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
{{- end }}

{{/*
Namespaces the operator watches, comma-separated (empty: all namespaces): watchNamespaces, plus the
release's own namespace when watchReleaseNamespace is true (how the AKS extension keeps its
operator from reconciling the resources of a separately installed one).
*/}}
{{- define "socketx-operator.watchNamespaces" -}}
{{- $list := .Values.watchNamespaces | default list }}
{{- if .Values.watchReleaseNamespace }}
{{- $list = append $list .Release.Namespace }}
{{- end }}
{{- $list | uniq | join "," }}
{{- end }}
