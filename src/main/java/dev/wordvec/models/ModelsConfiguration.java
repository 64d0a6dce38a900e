package dev.wordvec.models;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.validation.Validator;

@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

    /**
     * A {@code wordvec.*} setting nothing reads fails the start ({@link UnknownSettings}); static, as binding needs
     * it early.
     */
    @Bean
    static ConfigurationPropertiesBindHandlerAdvisor unknownSettings() {
        return UnknownSettings::new;
    }

    /**
     * The bounds of the {@code wordvec.*} numbers ({@link SettingBounds}); named and static, as binding wants it. It
     * is created while the bean post-processors are, so it is infrastructure: without the role, Spring warns at every
     * start that it is not eligible for all of them.
     */
    @Bean(name = "configurationPropertiesValidator")
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Validator settingBounds() {
        return new SettingBounds();
    }

    /**
     * Closed by Spring at shutdown (it has a close method), which frees the engine's memory. The
     * models start loading as soon as the registry exists, while the rest of the application
     * starts; {@link ModelLoader} waits for them before the service reports ready. When the
     * application started them earlier still ({@link EarlyModels}, from {@code main}), that
     * registry is taken over. Converted copies wait until the models are loaded and the start is
     * done ({@link ModelLoader}).
     */
    @Bean
    ModelRegistry modelRegistry(WordvecProperties properties, ObjectProvider<EarlyModels> early) {
        EarlyModels started = early.getIfAvailable();
        ModelRegistry adopted = started == null ? null : started.adopt(properties);
        ModelRegistry registry = adopted != null ? adopted : new ModelRegistry(properties);
        registry.holdConvertedCopies();
        registry.startLoading(properties.intraOpThreads());
        return registry;
    }
}
