//! `--volume-mount NAME:/path[:ro]` and `--mount-target-volumes`: volume mounts of the debug
//! container. Applied after the profile and `--as-target-user`, before `--custom`.
//!
//! What the API server allows (`pkg/apis/core/validation`): a mount names a volume of the pod;
//! a container's mount paths are unique; an **ephemeral** container may not set `subPath` or
//! `subPathExpr` (bind mounts that would outlive it), so such mounts of the target are left
//! out, with a warning, rather than mounting the whole volume where the target sees a part of
//! it; `mountPropagation: Bidirectional` needs a privileged container, so unless the debug
//! container is privileged it is mounted `HostToContainer` (it sees the same mounts).
//! An explicit `--volume-mount` wins over a target mount at the same path. Raw block devices
//! (`volumeDevices`) are not copied.

use super::syntax::volume_mounts;
use super::TargetContainer;
use crate::error::{Code, Error};
use crate::go::quote::go_quote;
use crate::json::{ensure_array, str_at, Map, Value};
use crate::messages::Message;
use crate::options::DebugOptions;
use crate::pod::{container_in_mut, ContainerKind};

type Obj = Map<String, Value>;

/// Add the mounts to the debug container `name` (of `kind`) of the pod `spec`.
///
/// # Errors
/// [`Code::OverlayNoSuchVolume`], [`Code::OverlayMountPathConflict`].
pub(crate) fn apply_mounts(
    spec: &mut Obj,
    kind: ContainerKind,
    name: &str,
    target: Option<&TargetContainer>,
    o: &DebugOptions,
    out: &mut Vec<Message>,
) -> Result<(), Error> {
    let explicit = volume_mounts(&o.volume_mount)?;
    let target_mounts = target
        .filter(|_| o.mount_target_volumes)
        .map_or(&[][..], |t| t.mounts.as_slice());
    if explicit.is_empty() && target_mounts.is_empty() {
        return Ok(());
    }
    let volumes: Vec<String> = spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|v| str_at(v, "name").to_string())
        .collect();
    if let Some(m) = explicit.iter().find(|m| !volumes.contains(&m.volume)) {
        let have = match volumes.is_empty() {
            true => "it has none".to_string(),
            false => format!("its volumes: {}", volumes.join(", ")),
        };
        return Err(Error::new(
            Code::OverlayNoSuchVolume,
            format!(
                "--volume-mount {}:{}: the pod has no volume {} ({have})",
                m.volume,
                m.path,
                go_quote(&m.volume)
            ),
        ));
    }
    let Some(c) = container_in_mut(spec, kind, name) else {
        return Ok(());
    };
    let privileged = c
        .get("securityContext")
        .and_then(|s| s.get("privileged"))
        .and_then(Value::as_bool)
        == Some(true);
    let Some(list) = ensure_array(c, "volumeMounts") else {
        return Ok(());
    };
    let mounted = |list: &[Value], path: &str| {
        list.iter()
            .any(|m| m.get("mountPath").and_then(Value::as_str) == Some(path))
    };
    for m in &explicit {
        if mounted(list, &m.path) {
            return Err(Error::new(
                Code::OverlayMountPathConflict,
                format!(
                    "--volume-mount {}:{}: the debug container already mounts something at {}",
                    m.volume,
                    m.path,
                    go_quote(&m.path)
                ),
            ));
        }
        let mut mount = Obj::new();
        mount.insert("name".into(), Value::String(m.volume.clone()));
        if m.read_only {
            mount.insert("readOnly".into(), Value::Bool(true));
        }
        mount.insert("mountPath".into(), Value::String(m.path.clone()));
        list.push(Value::Object(mount));
    }
    for m in target_mounts {
        let Some(obj) = m.as_object() else { continue };
        let path = str_at(obj, "mountPath");
        if mounted(list, path) {
            continue;
        }
        let mut mount = obj.clone();
        if kind == ContainerKind::Ephemeral {
            if let Some(field) = ["subPath", "subPathExpr"]
                .into_iter()
                .find(|f| !str_at(obj, f).is_empty())
            {
                out.push(Message::stderr(format!(
                    "Warning: --mount-target-volumes: volume {} at {} is not mounted: an ephemeral container may not set {field}.",
                    go_quote(str_at(obj, "name")),
                    go_quote(path)
                )));
                continue;
            }
        }
        if str_at(obj, "mountPropagation") == "Bidirectional" && !privileged {
            mount.insert(
                "mountPropagation".into(),
                Value::String("HostToContainer".into()),
            );
        }
        list.push(Value::Object(mount));
    }
    if crate::json::is_empty(c.get("volumeMounts")) {
        c.shift_remove("volumeMounts");
    }
    Ok(())
}
