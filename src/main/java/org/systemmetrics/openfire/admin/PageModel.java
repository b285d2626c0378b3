package org.systemmetrics.openfire.admin;

/** One rendering of the page: the plugin's facts and what this request adds to them. */
final class PageModel {
    final PageFacts facts;
    final String csrfToken;
    /** The one-line message at the top of the page, in one of Openfire's jive-* boxes; null for none. */
    String flashClass;
    LocalizedText flash;
    /** What the button just used produced; null for none. */
    ActionResult actionResult;
    private SettingsForm rejectedForm;

    PageModel(PageFacts facts, String csrfToken) {
        this.facts = facts;
        this.csrfToken = csrfToken;
    }

    PageModel flash(String cssClass, LocalizedText text) {
        this.flashClass = cssClass;
        this.flash = text;
        return this;
    }

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
        return rejectedForm != null ? rejectedForm : new SettingsForm(facts.status.config());
    }
}
