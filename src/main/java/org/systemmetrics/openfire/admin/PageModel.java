package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** Everything one rendering of the page shows, read from the facade once per request. */
final class PageModel {
    final ServiceStatus status;
    final Optional<String> clusterId;
    final NodeRole role;
    final Optional<String> seniorHost;
    final List<String> destinations;
    final Path reportFile;
    final Optional<String> reportJson;
    final Map<String, List<DeliveryOutcome>> history;
    /** Report fields new in this plugin version that no administrator has confirmed: field to version. */
    final Map<String, String> unseenFields;
    final String csrfToken;
    /** The one-line message at the top of the page, in one of Openfire's jive-* boxes; null for none. */
    String flashClass;
    LocalizedText flash;
    /** What the button just used produced; null for none. */
    ActionResult actionResult;
    private SettingsForm rejectedForm;

    PageModel(SystemMetricsAdmin admin, String csrfToken) {
        this.status = admin.status();
        this.clusterId = admin.clusterId();
        this.role = admin.nodeRole();
        this.seniorHost = admin.seniorMemberHostName();
        this.destinations = List.copyOf(admin.destinations());
        this.reportFile = admin.reportFile();
        this.reportJson = admin.lastReportFileJson();
        this.history = Map.copyOf(admin.history());
        this.unseenFields = Collections.unmodifiableMap(new LinkedHashMap<>(admin.unseenFields()));
        this.csrfToken = csrfToken;
    }

    PageModel flash(String cssClass, LocalizedText text) {
        this.flashClass = cssClass;
        this.flash = text;
        return this;
    }

    /** Shows the form as submitted, with its errors, instead of the stored settings. */
    PageModel rejectedForm(SettingsForm form) {
        this.rejectedForm = form;
        return this;
    }

    PageModel actionResult(ActionResult result) {
        this.actionResult = result;
        return this;
    }

    /** The settings form as it shows the settings in force, or as a refused save left it. */
    SettingsForm settings() {
        return rejectedForm != null ? rejectedForm : SettingsForm.of(status.config());
    }

    /** Reporting runs, but no destination is set (a build without the project's property, say): only the file is written. */
    boolean sendsNowhere() {
        return status.runs() && destinations.isEmpty();
    }
}
